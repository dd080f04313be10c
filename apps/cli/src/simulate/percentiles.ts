import { clampMs, msHistogram, percentilesOf } from '@uamd/latency';

export interface LatencySummary {
  count: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

/** The summary line's percentiles of match latencies in ms, from the project's HDR histogram. */
export function summariseLatency(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: null, p99: null, max: null };
  const h = msHistogram();
  for (const ms of samples) h.recordValue(clampMs(ms));
  const { count, p50, p99, max } = percentilesOf(h);
  return { count, p50, p99, max };
}
