import { COUNTRIES, type Country } from '@uamd/domain';
import { IncidentEffects } from './incidents';
import { type World } from './world';

/** One heartbeat a feed sends: its true send time, its delivery time and its index on the feed. */
export interface HeartbeatSlot {
  at: number;
  deliverAt: number;
  n: number;
  /** The closing heartbeat, delivered exactly at the traffic's last delivery D where the grid misses it. */
  final: boolean;
}

/**
 * The delivery time of the latest-delivered heartbeat sent at the scenario end, over both
 * countries: the end itself unless a feed is late.
 */
export function finalHeartbeatDelivery(effects: IncidentEffects, end: number): number {
  return Math.max(...COUNTRIES.map((c) => effects.feedDeliversAt(c, end)));
}

/**
 * When the traffic of a world delivers its last record (D): the latest of the final heartbeats'
 * deliveries (`finalHeartbeatDelivery`), or just after the last read or declaration if that is
 * later or as late (some come after the end: a read delivered late, a camera back from an
 * outage, a declarations catch-up). Every feed heartbeats up to it (see `HeartbeatSchedule`), so
 * the four feeds of a partition end together on heartbeats only: the reconciler's merge releases
 * a record only once every other feed has shown as late a time (a tie only to a lower-ranked
 * feed), so what a feed delivers at or after another's last record would never be decided.
 */
export function lastDeliveryOf(world: Pick<World, 'scenario' | 'end' | 'trips'>): number {
  let last = -Infinity;
  for (const trip of world.trips) {
    for (const passage of [trip.exit, trip.entry])
      for (const read of passage?.reads ?? []) if (read.deliverAt > last) last = read.deliverAt;
    const decl = trip.declarations;
    if (decl) last = Math.max(last, decl.export.publishedAt, decl.import?.publishedAt ?? last);
  }
  return closingDelivery(
    finalHeartbeatDelivery(new IncidentEffects(world.scenario.incidents), world.end),
    last,
  );
}

/** D from the final heartbeats' delivery and the last read or declaration delivered (`lastDeliveryOf`). */
export function closingDelivery(finalHeartbeats: number, lastRecord: number): number {
  return Math.max(finalHeartbeats, lastRecord + 1);
}

/**
 * When one feed (a camera, or a post's declarations of one country) sends its heartbeats: every
 * interval of true time from the start, on one grid for all feeds, up to the end inclusive; then,
 * once the traffic's last delivery D is known (`closeAt`), on the same grid while the feed
 * delivers by D, and one closing heartbeat delivered exactly at D unless the grid lands on it,
 * sent at the latest true time the feed delivers by D (`feedSentBy`). So every feed's last
 * heartbeat is delivered at D. Nothing is captured or lodged after the end: the heartbeats
 * after it vouch for silence.
 */
export class HeartbeatSchedule {
  private readonly intervalMs: number;
  private n = 0;
  private lastDelivery: number | null = null;
  private closed = false;

  constructor(
    private readonly world: Pick<World, 'scenario' | 'start' | 'end'>,
    private readonly effects: IncidentEffects,
    private readonly country: Country,
  ) {
    this.intervalMs = world.scenario.heartbeatIntervalSeconds * 1000;
    if (!(this.intervalMs > 0))
      throw new Error(
        `heartbeatIntervalSeconds must be positive, got ${world.scenario.heartbeatIntervalSeconds}`,
      );
  }

  /** The traffic's last delivery is known: the feed goes on past the end up to it. */
  closeAt(lastDelivery: number): void {
    const atEnd = this.effects.feedDeliversAt(this.country, this.world.end);
    if (lastDelivery < atEnd)
      throw new Error(`last delivery ${lastDelivery} before the end's heartbeat at ${atEnd}`);
    this.lastDelivery = lastDelivery;
  }

  /** The next heartbeat, null after the last (or past the end while the last delivery is unknown). */
  peek(): HeartbeatSlot | null {
    const at = this.world.start + this.n * this.intervalMs;
    const deliverAt = this.effects.feedDeliversAt(this.country, at);
    if (at <= this.world.end) return { at, deliverAt, n: this.n, final: false };
    const last = this.lastDelivery;
    if (last === null) return null;
    if (deliverAt <= last) return { at, deliverAt, n: this.n, final: false };
    // The grid has passed D: close on it unless the previous heartbeat was delivered there.
    if (this.closed || this.effects.feedDeliversAt(this.country, at - this.intervalMs) >= last)
      return null;
    return {
      at: this.effects.feedSentBy(this.country, last),
      deliverAt: last,
      n: this.n,
      final: true,
    };
  }

  /** True time of the next heartbeat, Infinity when there is none (yet). */
  nextAt(): number {
    return this.peek()?.at ?? Infinity;
  }

  /** The slot `peek` returned is taken (sent, or skipped by a camera that is down). */
  advance(slot: HeartbeatSlot): void {
    if (slot.final) this.closed = true;
    else this.n++;
  }

  /** Whether `at` is a grid time: the closing heartbeat can share one only in a delay's jump. */
  onGrid(at: number): boolean {
    return (at - this.world.start) % this.intervalMs === 0;
  }
}
