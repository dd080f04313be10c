import { summariseLatency } from './percentiles';

describe('summariseLatency', () => {
  it('gives the percentiles and the maximum (exact below 2 s)', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summariseLatency(samples)).toEqual({ count: 100, p50: 50, p99: 99, max: 100 });
  });

  it('reports nulls, not zeros, when nothing was measured', () => {
    expect(summariseLatency([])).toEqual({ count: 0, p50: null, p99: null, max: null });
  });

  it('handles a single sample', () => {
    expect(summariseLatency([7])).toEqual({ count: 1, p50: 7, p99: 7, max: 7 });
  });
});
