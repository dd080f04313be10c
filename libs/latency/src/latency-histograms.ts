import { build, type Histogram } from 'hdr-histogram-js';

/** Percentiles of one series, in ms (HDR: 3 significant digits, so values below 2,048 ms are exact). */
export interface LatencyPercentiles {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

export const PERCENTILES = ['p50', 'p90', 'p99', 'p999', 'max'] as const;
export type PercentileName = (typeof PERCENTILES)[number];

/** 1 ms to 10 min: the range of the Prometheus buckets too; longer is clamped to the top. */
export const HIGHEST_TRACKABLE_MS = 600_000;

function newHistogram(): Histogram {
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_TRACKABLE_MS,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
  });
}

/**
 * One HDR histogram per series key (e.g. `mohyliv-podilskyi-otaci UA-MD`), and one over all of
 * them. Percentiles come from the histograms themselves, never averaged across series.
 */
export class LatencyHistograms {
  private readonly series = new Map<string, Histogram>();
  private readonly all = newHistogram();

  record(key: string, ms: number): void {
    const value = Math.min(HIGHEST_TRACKABLE_MS, Math.max(0, Math.round(ms)));
    let h = this.series.get(key);
    if (!h) this.series.set(key, (h = newHistogram()));
    h.recordValue(value);
    this.all.recordValue(value);
  }

  keys(): string[] {
    return [...this.series.keys()].sort();
  }

  percentiles(key?: string): LatencyPercentiles {
    const h = key === undefined ? this.all : this.series.get(key);
    if (!h || h.totalCount === 0) return { count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };
    // Above 2,048 ms a bucket spans 2 ms or more and reports its top; no percentile may pass the max.
    const max = h.maxValue;
    const at = (p: number) => Math.min(max, h.getValueAtPercentile(p));
    return { count: h.totalCount, p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max };
  }
}
