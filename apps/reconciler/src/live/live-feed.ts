import { Inject, Injectable } from '@nestjs/common';
import { type AvroCodec } from '@uamd/codec';
import { type OutputEvent, type OutputEventType } from '@uamd/domain';
import { seriesKey } from '@uamd/latency';
import { HEADERS } from '@uamd/messaging';
import { type PublishedListener, type PublishedOutput } from '../metrics/published-output';
import { CODEC } from '../reconciler.providers';
import { BoundedQueue } from './bounded-queue';
import { type LiveOutput, type OutputRecordFacts, summarize } from './output-summary';
import { RollingLatency } from './rolling-latency';

/** Seconds of samples behind the live percentiles. */
export const LIVE_WINDOW_SECONDS = 10;
/** Outputs waiting to be decoded and streamed; past this, the oldest are skipped. */
const MAX_QUEUED_OUTPUTS = 2_000;
/** Outputs kept per type for a page that opens later. */
export const RECENT_PER_TYPE = 20;
/** Crossing points counted at most (they are the output keys: a bound, not a real limit). */
const MAX_POSTS = 64;

export type OutputCounts = Record<OutputEventType, number>;

export function zeroCounts(): OutputCounts {
  return { CrossingMatched: 0, CrossingOverdue: 0, CrossingDiscrepancy: 0, FeedStale: 0 };
}

interface Queued {
  facts: OutputRecordFacts;
  value: Buffer;
}

/**
 * What the live page hears of the outputs, a listener beside ReconcilerMetrics (observer-fan-out).
 * `output` only counts, records the latency sample and queues a reference to the record
 * (bounded): decoding and streaming happen later, on the page's own timer (LiveStream), so the
 * runtime never waits for a browser.
 */
@Injectable()
export class LiveFeed implements PublishedListener {
  readonly latency = new RollingLatency(LIVE_WINDOW_SECONDS);
  private counts = new Map<string, OutputCounts>();
  private readonly queue = new BoundedQueue<Queued>(MAX_QUEUED_OUTPUTS);
  private readonly recent: Record<OutputEventType, LiveOutput[]> = {
    CrossingMatched: [],
    CrossingOverdue: [],
    CrossingDiscrepancy: [],
    FeedStale: [],
  };

  constructor(@Inject(CODEC) private readonly codec: AvroCodec) {}

  output(published: PublishedOutput): void {
    try {
      this.take(published);
    } catch {
      // An observer must not throw into the runtime; a record it cannot read is just not shown.
    }
  }

  /** Outputs per post and type since the last call. */
  takeCounts(): Map<string, OutputCounts> {
    const taken = this.counts;
    this.counts = new Map();
    return taken;
  }

  /** Decodes what was queued since the last call, newest kept for `recentOutputs`. */
  drain(): { outputs: LiveOutput[]; skipped: number } {
    const { items, dropped } = this.queue.drain();
    const outputs = items.map(({ facts, value }) => summarize(facts, this.decode(value)));
    for (const output of outputs) this.remember(output);
    return { outputs, skipped: dropped };
  }

  /** The latest outputs per type, newest first. */
  recentOutputs(): Record<OutputEventType, LiveOutput[]> {
    return {
      CrossingMatched: [...this.recent.CrossingMatched],
      CrossingOverdue: [...this.recent.CrossingOverdue],
      CrossingDiscrepancy: [...this.recent.CrossingDiscrepancy],
      FeedStale: [...this.recent.FeedStale],
    };
  }

  private take({ entry, at, type, sample }: PublishedOutput): void {
    if (type === undefined) return;
    let counts = this.counts.get(entry.key);
    if (!counts && this.counts.size < MAX_POSTS)
      this.counts.set(entry.key, (counts = zeroCounts()));
    if (counts) counts[type] += 1;
    if (sample) this.latency.record(seriesKey(sample), sample.ms, at);
    this.queue.push({
      facts: {
        type,
        id: entry.id,
        crossingPoint: entry.key,
        route: entry.headers?.[HEADERS.route] ?? null,
        latencyMs: sample ? sample.ms : null,
        at,
      },
      value: entry.value,
    });
  }

  private decode(value: Buffer): OutputEvent | undefined {
    try {
      return this.codec.decodeOutput(value).event;
    } catch {
      return undefined;
    }
  }

  private remember(output: LiveOutput): void {
    const list = this.recent[output.type];
    const again = list.findIndex((o) => o.id === output.id);
    if (again >= 0) list.splice(again, 1);
    list.unshift(output);
    if (list.length > RECENT_PER_TYPE) list.length = RECENT_PER_TYPE;
  }
}
