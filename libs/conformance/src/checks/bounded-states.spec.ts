import { ViolationLog } from '../condition';
import { BoundedStates, MAX_UNKNOWN_KEYS } from './bounded-states';
import { RememberedIds } from './feed/remembered-ids';

describe('state kept per key, bounded', () => {
  it('given registry keys and a flood of others, then every registry key and the first unknown ones are kept, the rest counted', () => {
    const states = new BoundedStates<number>((k) => k.startsWith('UA-'));
    for (let i = 0; i < 10_000; i++) states.obtain(`cam-${i}`, () => i);
    for (let i = 0; i < 100; i++) expect(states.obtain(`UA-${i}`, () => i)).toBe(i);
    expect(states.obtain('cam-3', () => -1)).toBe(3);
    expect(states.obtain(`short-but-new`, () => -1)).toBeUndefined();
    expect(states.size).toBe(MAX_UNKNOWN_KEYS + 100);
    expect(states.untrackedMessages).toBe(10_000 - MAX_UNKNOWN_KEYS + 1);
    expect(Object.keys(states.note('cameras'))).toEqual(['cameras not tracked']);
  });

  it('given an unknown key over 100 characters, then it is never kept, however few others there are', () => {
    const states = new BoundedStates<number>(() => false);
    expect(states.obtain('x'.repeat(101), () => 1)).toBeUndefined();
    expect(states.obtain('x'.repeat(100), () => 1)).toBe(1);
  });

  it('given nothing left untracked, then there is no note', () => {
    expect(new BoundedStates<number>(() => true).note('feeds')).toEqual({});
  });
});

describe('violation samples', () => {
  it('given an event id and a reason megabytes long, then the sample keeps their first characters only', () => {
    const log = new ViolationLog(5);
    log.add(
      { position: 'record 1', topic: 't', eventId: 'e'.repeat(1 << 20) },
      'r'.repeat(1 << 21),
    );
    expect(log.samples[0]!.eventId).toHaveLength(201);
    expect(log.samples[0]!.reason).toHaveLength(2001);
  });
});

describe('remembered ids', () => {
  it('given ids forgotten oldest first and by time, then what is left is what came after', () => {
    const ids = new RememberedIds();
    for (let i = 0; i < 10_000; i++) ids.add(`id-${i}`, i);
    for (let i = 0; i < 5_000; i++) expect(ids.forgetOldest()).toEqual({ key: `id-${i}`, at: i });
    ids.forgetBefore(7_500);
    expect(ids.size).toBe(2_500);
    expect(ids.get('id-7499')).toBeUndefined();
    expect(ids.get('id-7500')).toBe(7_500);
    expect(ids.forgetOldest()).toEqual({ key: 'id-7500', at: 7_500 });
  });
});
