import { RollingLatency } from './rolling-latency';

const T = 1_700_000_000_000;

describe('RollingLatency', () => {
  it('gives the percentiles of the last window seconds only', () => {
    const w = new RollingLatency(10);
    for (let i = 1; i <= 100; i++) w.record('match a UA-MD', i, T);
    w.record('match a UA-MD', 5_000, T + 9_000);
    expect(w.percentiles('match a UA-MD', T + 9_500)).toEqual({
      count: 101,
      p50: 51,
      p99: 100,
      max: 5_000,
    });
    // Ten seconds on, the first second has left the window.
    expect(w.percentiles('match a UA-MD', T + 10_000)).toEqual({
      count: 1,
      p50: 5_000,
      p99: 5_000,
      max: 5_000,
    });
    expect(w.percentiles('match a UA-MD', T + 19_000)).toBeUndefined();
    expect(w.percentiles('match b UA-MD', T)).toBeUndefined();
  });

  it('reuses a slot a window later without keeping its old samples', () => {
    const w = new RollingLatency(3);
    w.record('k', 900, T);
    w.record('k', 10, T + 3_000);
    expect(w.percentiles('k', T + 3_000)).toMatchObject({ count: 1, max: 10 });
  });

  it('keeps a bounded sample of a busy second, its count and its true maximum', () => {
    const w = new RollingLatency(10, 100);
    for (let i = 1; i <= 10_000; i++) w.record('k', i % 1000 === 0 ? 1_000_000 : i % 100, T);
    const p = w.percentiles('k', T)!;
    expect(p.count).toBe(10_000);
    expect(p.max).toBe(1_000_000);
    expect(p.p50).toBeLessThan(100);
  });

  it('tracks a bounded number of series', () => {
    const w = new RollingLatency(10, 10, 2);
    for (const key of ['a', 'b', 'c']) w.record(key, 1, T);
    expect(w.percentiles('c', T)).toBeUndefined();
    expect(w.percentiles('b', T)?.count).toBe(1);
  });
});
