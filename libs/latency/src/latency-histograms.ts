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

/** A fixed-size HDR histogram of milliseconds, 1 ms up to `highestMs`, 3 significant digits. */
export function msHistogram(highestMs = HIGHEST_TRACKABLE_MS): Histogram {
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: highestMs,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
  });
}

/** A latency as the histograms record it: whole ms, 0 up to the highest trackable (clamped). */
export function clampMs(ms: number, highestMs = HIGHEST_TRACKABLE_MS): number {
  return Math.min(highestMs, Math.max(0, Math.round(ms)));
}

const NO_SAMPLES: LatencyPercentiles = { count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };

/**
 * Percentiles of one histogram. Above 2,048 ms a bucket spans 2 ms or more and reports its top,
 * so no percentile may pass the maximum: the histogram's own, or an exact one kept beside it.
 */
export function percentilesOf(h: Histogram, max: number = h.maxValue): LatencyPercentiles {
  if (h.totalCount === 0) return { ...NO_SAMPLES };
  const at = (p: number) => Math.min(max, h.getValueAtPercentile(p));
  return { count: h.totalCount, p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max };
}

/**
 * One HDR histogram per series key (e.g. `mohyliv-podilskyi-otaci UA-MD`), and one over all of
 * them. Percentiles come from the histograms themselves, never averaged across series.
 */
export class LatencyHistograms {
  private readonly series = new Map<string, Histogram>();
  private readonly all = msHistogram();

  record(key: string, ms: number): void {
    const value = clampMs(ms);
    let h = this.series.get(key);
    if (!h) this.series.set(key, (h = msHistogram()));
    h.recordValue(value);
    this.all.recordValue(value);
  }

  keys(): string[] {
    return [...this.series.keys()].sort();
  }

  percentiles(key?: string): LatencyPercentiles {
    const h = key === undefined ? this.all : this.series.get(key);
    return h ? percentilesOf(h) : { ...NO_SAMPLES };
  }
}
