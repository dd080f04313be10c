import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type ReconcilerConfig } from '@uamd/config';
import { CROSSING_POINTS } from '@uamd/domain';
import { ReconcilerMetrics } from '../metrics/reconciler.metrics';
import { RECONCILER_CONFIG } from '../reconciler.providers';
import { ReconcilerTransport } from '../reconciler.transport';
import { type EventSink, LiveClients } from './live-clients';
import { LiveFeed } from './live-feed';
import { buildTick, type LiveTick } from './live-tick';
import { reconcilerLogger } from '../reconciler.logger';

export const TICK_MS = 1_000;
/** Outputs go out this often, a batch per write, rather than one write per output. */
const OUTPUT_FLUSH_MS = 250;
/** Ticks a page that opens receives first: the charts' "over time" span. */
export const HISTORY_TICKS = 300;
/** EventSource waits this long before it reconnects (after a drop or a restart). */
const RETRY_MS = 3_000;

/** One Server-Sent Event; JSON has no raw newlines, so the data is one line. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The page's event stream: a `tick` a second (kept for `HISTORY_TICKS` seconds, sent as `init`
 * to a page that connects) and the new outputs every `OUTPUT_FLUSH_MS`. Timers run from
 * bootstrap to module destroy, when every stream is ended so the HTTP server can close.
 */
@Injectable()
export class LiveStream implements OnApplicationBootstrap, OnModuleDestroy {
  readonly clients = new LiveClients();
  private readonly history: LiveTick[] = [];
  private timers: NodeJS.Timeout[] = [];
  private lastTick = Date.now();
  private skipped = 0;
  private closed = false;
  /** Set while the timers' work fails, so a lasting failure is logged once. */
  private failing = false;

  constructor(
    private readonly feed: LiveFeed,
    private readonly transport: ReconcilerTransport,
    private readonly metrics: ReconcilerMetrics,
    @Inject(RECONCILER_CONFIG) private readonly config: ReconcilerConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.lastTick = Date.now();
    this.timers = [
      setInterval(() => this.guarded(() => this.tick()), TICK_MS).unref(),
      setInterval(() => this.guarded(() => this.flushOutputs()), OUTPUT_FLUSH_MS).unref(),
    ];
  }

  onModuleDestroy(): void {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.clients.closeAll();
  }

  /**
   * Takes a stream: false when the cap is reached or the app is closing (the caller answers
   * 503). Otherwise `open` sends the headers and arranges for `release` when the connection
   * closes, and the stream starts with `init`.
   */
  connect(sink: EventSink, open: (release: () => void) => void): boolean {
    if (this.closed || !this.clients.add(sink)) return false;
    open(() => this.clients.remove(sink));
    const init = {
      tickMs: TICK_MS,
      historyTicks: HISTORY_TICKS,
      history: this.history,
      recent: this.feed.recentOutputs(),
    };
    this.clients.send(sink, `retry: ${RETRY_MS}\n\n${sseFrame('init', init)}`);
    return true;
  }

  /** A timer's work never throws out of the timer (that would end the process). */
  private guarded(work: () => void): void {
    try {
      work();
    } catch (error) {
      if (this.failing) return;
      this.failing = true;
      reconcilerLogger.error(
        `live page: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    this.failing = false;
  }

  private tick(): void {
    const now = Date.now();
    const tick = buildTick({
      now,
      elapsedMs: now - this.lastTick,
      posts: CROSSING_POINTS,
      partitions: this.config.partitions,
      topicPrefix: this.config.topicPrefix,
      counts: this.feed.takeCounts(),
      latency: this.feed.latency,
      sinceStart: this.metrics.histograms,
      runtime: this.transport.runtime,
      stream: { clients: this.clients.size, dropped: this.clients.dropped, skipped: this.skipped },
    });
    this.lastTick = now;
    this.history.push(tick);
    if (this.history.length > HISTORY_TICKS) this.history.shift();
    this.clients.broadcast(sseFrame('tick', tick));
  }

  private flushOutputs(): void {
    const { outputs, skipped } = this.feed.drain();
    this.skipped += skipped;
    if (outputs.length === 0) return;
    this.clients.broadcast(outputs.map((o) => sseFrame('output', o)).join(''));
  }
}
