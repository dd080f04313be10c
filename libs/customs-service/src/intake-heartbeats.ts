import { camerasOf, CROSSING_POINTS, type Country, type InputEvent } from '@uamd/domain';
import { type EventProducer } from '@uamd/messaging';
import { toOutgoingRecord, type PublishObserver, type RecordTarget } from './event-records';
import { type Clock } from './side-publisher';

export interface IntakeHeartbeatOptions extends RecordTarget {
  country: Country;
  producer: EventProducer;
  clock: Clock;
  /** Wall ms between heartbeats (30 s, as the simulated feeds). */
  intervalMs?: number;
  /**
   * How far behind the wall clock a heartbeat vouches: a read posted this late after its capture
   * still counts as on time (a camera's buffer, a retried POST).
   */
  lateMarginMs?: number;
  log?: (message: string) => void;
  /** Told of each acknowledged send (the service's metrics). */
  observer?: PublishObserver;
}

/**
 * The feed heartbeats of a service taking events over HTTP only (no simulation): every camera of
 * its side and every post's declaration feed says "sent everything up to now minus the margin"
 * on the wall clock, delivered at the wall clock. Without them the reconciler's merge would wait
 * on this side's silent topics forever (docs/design.md §3). Live by nature: a replay of what this
 * service wrote is still deterministic, since the heartbeats are in the log.
 */
export class IntakeHeartbeats {
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly options: IntakeHeartbeatOptions) {}

  start(): void {
    const interval = this.options.intervalMs ?? 30_000;
    this.timer = setInterval(() => this.beat(), interval);
    this.timer.unref();
    this.beat();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sending;
  }

  /** The heartbeats for one instant (exported for tests). */
  heartbeatsAt(now: number): InputEvent[] {
    const { country } = this.options;
    const upTo = now - (this.options.lateMarginMs ?? 60_000);
    return CROSSING_POINTS.flatMap((point): InputEvent[] => [
      {
        type: 'DeclarationHeartbeat',
        data: {
          eventId: `${country.toLowerCase()}-decl-hb-${point.id}-${upTo}`,
          country,
          crossingPoint: point.id,
          upTo,
        },
      },
      ...[...camerasOf(country, point, 'EXIT'), ...camerasOf(country, point, 'ENTRY')].map(
        (cameraId): InputEvent => ({
          type: 'CameraHeartbeat',
          data: {
            eventId: `${cameraId}-hb-${upTo}`,
            country,
            crossingPoint: point.id,
            cameraId,
            upTo,
            lastSequence: -1,
          },
        }),
      ),
    ]);
  }

  private beat(): void {
    const now = this.options.clock();
    const sent = this.heartbeatsAt(now).map((event) => ({
      event,
      record: toOutgoingRecord(event, this.options, now, now),
    }));
    // One send at a time; a failure is logged and the next beat tries again.
    this.sending = this.sending
      .then(() => this.options.producer.send(sent.map((s) => s.record)))
      .then(() => this.options.observer?.published(sent, this.options.clock()))
      .catch((e: unknown) => this.options.log?.(`intake heartbeats not sent: ${String(e)}`));
  }
}
