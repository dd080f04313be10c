import { OutstandingSequences } from './outstanding-sequences';

function delivered(...numbers: number[]): OutstandingSequences {
  const s = new OutstandingSequences();
  for (const n of numbers) s.deliver(n);
  return s;
}

describe('OutstandingSequences', () => {
  it('given 0, 1 and 3 delivered, then 2 is outstanding until it comes', () => {
    const s = delivered(0, 1, 3);
    expect(s.outstandingIn(0, 3)).toEqual([[2, 2]]);
    expect(s.deliver(2)).toBe(true);
    expect(s.outstandingIn(0, 3)).toEqual([]);
    expect(s.runCount).toBe(0);
  });

  it('given a number delivered twice, then the second is a repeat', () => {
    const s = delivered(4, 5);
    expect(s.deliver(5)).toBe(false);
    expect(s.deliver(4)).toBe(false);
    expect(s.deliver(6)).toBe(true);
  });

  it('given numbers vouched for beyond the highest delivered, then they are outstanding and their late delivery is new', () => {
    const s = delivered(0);
    expect(s.outstandingIn(1, 3)).toEqual([[1, 3]]);
    expect(s.deliver(2)).toBe(true);
    expect(s.outstandingIn(1, 3)).toEqual([
      [1, 1],
      [3, 3],
    ]);
    expect(s.deliver(2)).toBe(false);
  });

  it('given a number below the lowest delivered, then it is new and the numbers between are outstanding', () => {
    const s = delivered(10);
    expect(s.deliver(7)).toBe(true);
    expect(s.outstandingIn(7, 10)).toEqual([[8, 9]]);
  });

  it('given more runs than the bound, then the oldest are forgotten and taken as delivered before', () => {
    const s = new OutstandingSequences(2);
    for (const n of [0, 2, 4, 6]) s.deliver(n);
    expect(s.runCount).toBe(2);
    expect(s.outstandingIn(3, 6)).toEqual([
      [3, 3],
      [5, 5],
    ]);
    // 1 was forgotten: below the lowest known, so taken as new once, then known.
    expect(s.deliver(1)).toBe(true);
    expect(s.deliver(1)).toBe(false);
  });
});
