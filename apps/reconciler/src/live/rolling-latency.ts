/** Percentiles of one series over the sliding window, in ms. */
export interface WindowPercentiles {
  /** Samples in the window (all of them, counted even where a busy second was sampled). */
  count: number;
  p50: number;
  p99: number;
  max: number;
}

interface Slot {
  second: number;
  /** All samples of that second, or a uniform sample of them once past `perSecondCap`. */
  values: number[];
  seen: number;
  /** Tracked apart from the sample, so a sampled second still reports its true maximum. */
  max: number;
}

/**
 * Latency over the last `windowSeconds` seconds, per series: the raw samples of each second in
 * a ring of one-second slots, sorted when asked. Exact while a series has at most
 * `perSecondCap` samples a second; past that, each second keeps a uniform sample of that many
 * (reservoir sampling), so memory and the cost of a percentile stay bounded at any throughput.
 * The since-start HDR histograms (ReconcilerMetrics) remain the exact record; this is the view
 * of "now" that a live chart needs, where a since-start p99 would never come down again.
 */
export class RollingLatency {
  private readonly series = new Map<string, Slot[]>();

  constructor(
    readonly windowSeconds = 10,
    private readonly perSecondCap = 2_000,
    private readonly maxSeries = 64,
    private readonly random: () => number = Math.random,
  ) {}

  record(key: string, ms: number, at: number): void {
    let slots = this.series.get(key);
    if (!slots) {
      if (this.series.size >= this.maxSeries) return;
      slots = Array.from({ length: this.windowSeconds }, () => ({
        second: -1,
        values: [],
        seen: 0,
        max: 0,
      }));
      this.series.set(key, slots);
    }
    const second = Math.floor(at / 1000);
    const slot = slots[second % this.windowSeconds]!;
    if (slot.second !== second) {
      slot.second = second;
      slot.values.length = 0;
      slot.seen = 0;
      slot.max = 0;
    }
    slot.seen += 1;
    slot.max = Math.max(slot.max, ms);
    if (slot.values.length < this.perSecondCap) slot.values.push(ms);
    else {
      const i = Math.floor(this.random() * slot.seen);
      if (i < this.perSecondCap) slot.values[i] = ms;
    }
  }

  /** The window ending at `now` (its second included); undefined when it holds no sample. */
  percentiles(key: string, now: number): WindowPercentiles | undefined {
    const slots = this.series.get(key);
    if (!slots) return undefined;
    const newest = Math.floor(now / 1000);
    const values: number[] = [];
    let count = 0;
    let max = 0;
    for (const slot of slots) {
      if (slot.second <= newest - this.windowSeconds || slot.second > newest) continue;
      count += slot.seen;
      max = Math.max(max, slot.max);
      for (const v of slot.values) values.push(v);
    }
    if (values.length === 0) return undefined;
    const sorted = Float64Array.from(values).sort();
    return {
      count,
      p50: rank(sorted, 50),
      p99: rank(sorted, 99),
      max,
    };
  }
}

/** Nearest-rank percentile of sorted values (as HDR reports it: a value that was recorded). */
function rank(sorted: Float64Array, percentile: number): number {
  const i = Math.max(0, Math.ceil((percentile / 100) * sorted.length) - 1);
  return sorted[Math.min(i, sorted.length - 1)]!;
}
