import { LatencyHistograms } from '@uamd/latency';

export interface LatencySummary {
  count: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

/** The summary line's percentiles of match latencies in ms, from the project's HDR histograms. */
export function summariseLatency(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: null, p99: null, max: null };
  const h = new LatencyHistograms();
  for (const ms of samples) h.record('all', ms);
  const { count, p50, p99, max } = h.percentiles('all');
  return { count, p50, p99, max };
}
