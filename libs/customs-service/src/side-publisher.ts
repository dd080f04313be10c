import { type InputEventType } from '@uamd/domain';
import { type EventProducer } from '@uamd/messaging';
import { type ObservedEvent } from '@uamd/traffic';
import { toOutgoingRecord, type PublishObserver, type RecordTarget } from './event-records';

export interface SidePublisherOptions extends RecordTarget {
  /** This side's observations, sorted by deliverAt. */
  events: readonly ObservedEvent[];
  producer: EventProducer;
  /** Simulated time at wall-clock start. */
  scenarioStart: number;
  /** Simulated ms per wall ms, or `max` for as fast as the broker acknowledges. */
  speed: number | 'max';
  /** Wall ms between ticks when nothing is due. */
  tickMs?: number;
  /** Most records in one send: bounds the request size when far behind or at `max`. */
  chunkSize?: number;
  /** Told of each acknowledged send (the service's metrics). */
  observer?: PublishObserver;
}

export interface PublishResult {
  published: number;
  byType: Record<string, number>;
}

export interface PublisherProgress extends PublishResult {
  total: number;
  /** Simulated time the publisher has reached, epoch ms. */
  simulatedTime: number;
  sends: number;
  finished: boolean;
  error: string | null;
}

export type Clock = () => number;
export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How the simulated clock maps onto the wall clock while paced. */
interface Pace {
  wallStart: number;
  speed: number;
  scenarioStart: number;
}

/** When an event delivered at `deliverAt` (simulated) is due on the wall clock. */
function dueAt(deliverAt: number, pace: Pace): number {
  return pace.wallStart + Math.max(0, deliverAt - pace.scenarioStart) / pace.speed;
}

/**
 * Publishes one side's observed events on an accelerated clock: simulated time = scenario
 * start + wall elapsed × speed, and each tick sends everything due in one batched request
 * (kafkajs has no linger, so one message per request would cap throughput at the round trip).
 */
export class SidePublisher {
  readonly done: Promise<PublishResult>;
  private resolveDone!: (result: PublishResult) => void;
  private rejectDone!: (err: unknown) => void;
  private readonly byType: Record<InputEventType, number> = {
    PlateRead: 0,
    CameraHeartbeat: 0,
    CustomsDeclaration: 0,
    DeclarationHeartbeat: 0,
  };
  private published = 0;
  private sends = 0;
  private simulatedTime: number;
  private started = false;
  private stopped = false;
  private finished = false;
  private error: string | null = null;
  private pace: Pace | undefined;

  constructor(
    private readonly options: SidePublisherOptions,
    private readonly clock: Clock = () => Date.now(),
    private readonly sleep: Sleep = realSleep,
  ) {
    this.simulatedTime = options.scenarioStart;
    this.done = new Promise<PublishResult>((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    // The failure stays observable through `done` and `progress()`; this only keeps an unwatched one from crashing the process.
    this.done.catch(() => undefined);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.run().then(
      (result) => {
        this.finished = true;
        this.resolveDone(result);
      },
      (err: unknown) => {
        this.finished = true;
        this.error = err instanceof Error ? err.message : String(err);
        this.rejectDone(err);
      },
    );
  }

  /** Stops after the send in flight; `done` then resolves with what was published. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (!this.started) {
      this.finished = true;
      this.resolveDone(this.result());
      return;
    }
    await this.done.catch(() => undefined);
  }

  progress(): PublisherProgress {
    return {
      ...this.result(),
      total: this.options.events.length,
      simulatedTime: this.simulatedTime,
      sends: this.sends,
      finished: this.finished,
      error: this.error,
    };
  }

  /**
   * Paced: how far past its scheduled send the oldest event Kafka has not yet acknowledged is
   * (0 when none is overdue, or all are sent); undefined at `max` speed or before the start,
   * where there is no schedule to lag.
   */
  lagMs(now: number): number | undefined {
    if (!this.pace) return undefined;
    const pending = this.options.events[this.published];
    if (this.finished || !pending) return 0;
    return Math.max(0, now - dueAt(pending.deliverAt, this.pace));
  }

  private result(): PublishResult {
    return { published: this.published, byType: { ...this.byType } };
  }

  private async run(): Promise<PublishResult> {
    const { events, speed, scenarioStart } = this.options;
    const chunkSize = this.options.chunkSize ?? 5_000;
    const tickMs = this.options.tickMs ?? 25;
    const wallStart = this.clock();
    if (speed !== 'max') this.pace = { wallStart, speed, scenarioStart };
    let next = 0;
    while (!this.stopped && next < events.length) {
      let end = next;
      if (speed === 'max') {
        end = Math.min(events.length, next + chunkSize);
      } else {
        this.simulatedTime = scenarioStart + (this.clock() - wallStart) * speed;
        while (
          end < events.length &&
          end - next < chunkSize &&
          events[end]!.deliverAt <= this.simulatedTime
        )
          end++;
        if (end === next) {
          await this.sleep(tickMs);
          continue;
        }
      }
      await this.send(events.slice(next, end));
      next = end;
    }
    return this.result();
  }

  /** Paced, each record also carries its scheduled send (`dueAt`). */
  private async send(batch: readonly ObservedEvent[]): Promise<void> {
    const sentAt = this.clock();
    const pace = this.pace;
    const sent = batch.map(({ event, deliverAt }) => ({
      event,
      record: toOutgoingRecord(
        event,
        this.options,
        deliverAt,
        sentAt,
        pace && dueAt(deliverAt, pace),
      ),
    }));
    await this.options.producer.send(sent.map((s) => s.record));
    this.sends++;
    this.published += batch.length;
    for (const { event } of batch) this.byType[event.type]++;
    this.simulatedTime = Math.max(this.simulatedTime, batch[batch.length - 1]!.deliverAt);
    this.options.observer?.published(sent, this.clock());
  }
}
