import { clampMs, msHistogram, percentilesOf } from '@uamd/latency';
import { type Histogram } from 'hdr-histogram-js';
import { type Distribution, type DistributionSeries } from '../../condition';
import { BoundedStates } from '../bounded-states';

/**
 * A week: well past any feed's worst catch-up, so the percentiles of a broken feed still mean
 * something; longer delays are clamped in the histogram, and the exact maximum is kept beside it.
 */
const HIGHEST_TRACKABLE_MS = 7 * 24 * 3_600_000;

interface Series {
  histogram: Histogram;
  /** Delivered within the target, including those stamped after their delivery (a fast clock). */
  within: number;
  /** Stamped after their delivery: a clock ahead of the publishing service. */
  ahead: number;
  maxMs: number;
}

/**
 * Event time → delivery per series key (camera, post): an HDR histogram each, so memory stays
 * per key however many messages pass, and the share delivered within a target. Keys the
 * registry knows (`known`) all get one, others a bounded few (`BoundedStates`); the counts over
 * every message are kept beside them.
 */
export class DeliveryDelays {
  private readonly series: BoundedStates<Series>;
  private total = 0;
  private totalWithin = 0;
  private totalAhead = 0;

  constructor(
    private readonly targetMs: number,
    known: (key: string) => boolean = () => true,
  ) {
    this.series = new BoundedStates<Series>(known);
  }

  /** A delay below zero (a clock ahead) is recorded as zero in the histogram. */
  record(key: string, delayMs: number): void {
    this.total += 1;
    if (delayMs <= this.targetMs) this.totalWithin += 1;
    if (delayMs < 0) this.totalAhead += 1;
    const s = this.series.obtain(key, () => ({
      histogram: msHistogram(HIGHEST_TRACKABLE_MS),
      within: 0,
      ahead: 0,
      maxMs: -Infinity,
    }));
    if (!s) return;
    s.histogram.recordValue(clampMs(delayMs, HIGHEST_TRACKABLE_MS));
    if (delayMs <= this.targetMs) s.within += 1;
    if (delayMs < 0) s.ahead += 1;
    s.maxMs = Math.max(s.maxMs, delayMs);
  }

  /** Share of every message recorded delivered within the target; 1 when none was. */
  shareWithinAll(): number {
    return this.total === 0 ? 1 : this.totalWithin / this.total;
  }

  /** The report's figure when keys went without a series (`what`: `cameras`, `posts`). */
  note(what: string): Record<string, string> {
    return this.series.note(what);
  }

  keys(): string[] {
    return [...this.series.keys()].sort();
  }

  count(key: string): number {
    return this.series.get(key)?.histogram.totalCount ?? 0;
  }

  /** Share of the key's messages delivered within the target; 1 for a key with none. */
  shareWithin(key: string): number {
    const s = this.series.get(key);
    return s ? s.within / s.histogram.totalCount : 1;
  }

  /** Messages stamped after their delivery, over every key. */
  aheadOfDelivery(): number {
    return this.totalAhead;
  }

  distribution(title: string): Distribution {
    return { title, unit: 'ms', series: this.keys().map((key) => this.seriesOf(key)) };
  }

  private seriesOf(key: string): DistributionSeries {
    const { histogram, maxMs } = this.series.get(key)!;
    // The exact maximum, not the histogram's clamped one.
    const { count, p50, p90, p99, max } = percentilesOf(histogram, Math.max(0, Math.round(maxMs)));
    return { key, count, p50, p90, p99, max };
  }
}
