import { createRng } from './prng';

describe('createRng', () => {
  it('given the same seed and label, repeats the same draws; another label gives another stream', () => {
    const draw = (label: string): number[] => {
      const rng = createRng(42, label);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('keeps draws in range with the expected means', () => {
    const rng = createRng(7);
    const n = 20_000;
    let sumUniform = 0;
    let sumExp = 0;
    let sumNormal = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      const k = rng.int(3, 5);
      expect([3, 4, 5]).toContain(k);
      sumUniform += u;
      sumExp += rng.exponential(2);
      sumNormal += rng.normal(10, 2);
    }
    expect(sumUniform / n).toBeCloseTo(0.5, 1);
    expect(sumExp / n).toBeCloseTo(0.5, 1);
    expect(sumNormal / n).toBeCloseTo(10, 0);
  });

  it('picks by weight', () => {
    const rng = createRng(1);
    let heads = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        rng.weighted([
          ['h', 0.8],
          ['t', 0.2],
        ] as const) === 'h'
      )
        heads++;
    expect(heads / 10_000).toBeCloseTo(0.8, 1);
  });
});
