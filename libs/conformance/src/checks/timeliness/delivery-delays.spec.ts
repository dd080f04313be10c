import { DeliveryDelays } from './delivery-delays';

describe('DeliveryDelays', () => {
  it('given delays of 1 to 100 s, then the percentiles are within the histogram precision and the max is exact', () => {
    const delays = new DeliveryDelays(60_000);
    for (let s = 1; s <= 100; s++) delays.record('cam', s * 1000 + 1);
    const [series] = delays.distribution('t').series;
    expect(series!.count).toBe(100);
    expect(series!.max).toBe(100_001);
    for (const [value, expected] of [
      [series!.p50, 50_001],
      [series!.p90, 90_001],
      [series!.p99, 99_001],
    ] as const)
      expect(Math.abs(value - expected) / expected).toBeLessThan(0.001);
    expect(delays.shareWithin('cam')).toBe(0.59);
  });

  it('given a delay beyond the histogram and one below zero, then the max stays exact and the negative one counts as ahead', () => {
    const delays = new DeliveryDelays(60_000);
    delays.record('post', 30 * 24 * 3_600_000);
    delays.record('post', -5000);
    const [series] = delays.distribution('t').series;
    expect(series!.max).toBe(30 * 24 * 3_600_000);
    expect(series!.p50).toBe(0);
    expect(delays.aheadOfDelivery()).toBe(1);
    expect(delays.shareWithin('post')).toBe(0.5);
  });
});
