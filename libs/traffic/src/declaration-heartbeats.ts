import { type Country, type DeclarationHeartbeat } from '@uamd/domain';
import { HeartbeatSchedule, lastDeliveryOf } from './heartbeat-schedule';
import { IncidentEffects } from './incidents';
import { scenarioPostIds } from './scenarios';
import { type DeclarationLodgement, type Trip, type World } from './world';

/** A declaration feed's heartbeat and the true time the feed delivers it. */
export interface TimedDeclarationHeartbeat {
  deliverAt: number;
  heartbeat: DeclarationHeartbeat;
}

/** What a declaration heartbeat needs to know of a declaration. */
export type Lodged = Pick<DeclarationLodgement, 'lodgedAt' | 'publishedAt'>;

/** The declarations of a trip that the side lodges: its export when it exits, its import when it enters. */
export function lodgementsOf(trip: Trip, country: Country): DeclarationLodgement[] {
  const decl = trip.declarations;
  if (!decl) return [];
  const out: DeclarationLodgement[] = [];
  if (trip.exitCountry === country) out.push(decl.export);
  if (decl.import && trip.entryCountry === country) out.push(decl.import);
  return out;
}

/**
 * One declaration heartbeat per post of the scenario and per interval of true time from start to
 * end inclusive, on the camera heartbeats' grid, even where nothing was lodged: the reconciler
 * waits on this feed, so it must move in time (docs/design.md §3); then on past the end up to the
 * traffic's last delivery, as the cameras (`HeartbeatSchedule`). See `DeclarationHeartbeats`.
 */
export function declarationHeartbeatsOf(
  world: World,
  country: Country,
): TimedDeclarationHeartbeat[] {
  const effects = new IncidentEffects(world.scenario.incidents);
  const feeds = new Map<string, DeclarationHeartbeats>();
  for (const id of scenarioPostIds(world.scenario))
    feeds.set(id, new DeclarationHeartbeats(world, effects, country, id));
  for (const trip of world.trips)
    for (const lodgement of lodgementsOf(trip, country))
      feeds.get(trip.crossingPoint)!.add(lodgement);
  const lastDelivery = lastDeliveryOf(world);
  return [...feeds.values()].flatMap((feed) => {
    feed.closeAt(lastDelivery);
    return feed.before(Infinity);
  });
}

/**
 * One post's declaration feed of one country, built as its declarations become known (so a long
 * scenario can be generated piece by piece). A heartbeat sent at true time T is delivered when
 * the feed delivers what it sends at T (a late feed delays it like everything else) and says
 * "every declaration lodged up to `upTo` has been delivered": `upTo` is T, or the start of a
 * declarations outage in force at T (the central system knows nothing lodged since), held just
 * below the lodgement time of any declaration lodged by then but published later than the feed
 * would deliver it (held by an outage) and not yet delivered. Declarations the feed delivers at
 * once can never hold it back: the feed's delay grows with T, so one lodged by T is delivered by
 * the heartbeat. Both bounds only grow with T and held declarations only get delivered, so `upTo`
 * never goes backwards and never passes T. Sent on the feeds' common schedule
 * (`HeartbeatSchedule`): after the end nothing is lodged, so they vouch for silence and for the
 * held declarations published meanwhile.
 */
export class DeclarationHeartbeats {
  private readonly schedule: HeartbeatSchedule;
  /** Declarations published later than the feed delivers, not yet delivered as of the last heartbeat. */
  private held: Lodged[] = [];

  constructor(
    world: Pick<World, 'scenario' | 'start' | 'end'>,
    private readonly effects: IncidentEffects,
    private readonly country: Country,
    private readonly crossingPointId: string,
  ) {
    this.schedule = new HeartbeatSchedule(world, effects, country);
  }

  /** One of the feed's declarations, in any order. */
  add(declaration: Lodged): void {
    // One published before the feed would deliver it (none are) is early and holds nothing back.
    if (declaration.publishedAt > this.effects.feedDeliversAt(this.country, declaration.lodgedAt))
      this.held.push({ lodgedAt: declaration.lodgedAt, publishedAt: declaration.publishedAt });
  }

  /** The traffic's last delivery is known (every declaration added): heartbeats go on up to it. */
  closeAt(lastDelivery: number): void {
    this.schedule.closeAt(lastDelivery);
  }

  /** True time of the next heartbeat, Infinity after the last (or past the end before `closeAt`). */
  nextAt(): number {
    return this.schedule.nextAt();
  }

  /**
   * The heartbeats due before `until` (true time). Every declaration lodged before `until` must
   * have been added: a heartbeat speaks for all of them.
   */
  before(until: number): TimedDeclarationHeartbeat[] {
    const beats: TimedDeclarationHeartbeat[] = [];
    for (let slot = this.schedule.peek(); slot && slot.at < until; slot = this.schedule.peek()) {
      this.schedule.advance(slot);
      const { at, deliverAt } = slot;
      if (this.held.length > 0) this.held = this.held.filter((d) => d.publishedAt > deliverAt);
      let upTo = this.effects.declarationsKnownUpTo(this.country, at);
      for (const d of this.held) if (d.lodgedAt <= at) upTo = Math.min(upTo, d.lodgedAt - 1);
      // Named by its send time; the closing one gets a suffix in the one case it shares the last
      // grid heartbeat's (a late feed starting after the end puts D inside the feed's delay jump).
      const id = slot.final && this.schedule.onGrid(at) ? `${at}-final` : `${at}`;
      beats.push({ deliverAt, heartbeat: this.heartbeat(id, upTo) });
    }
    return beats;
  }

  private heartbeat(id: string, upTo: number): DeclarationHeartbeat {
    return {
      eventId: `${this.country.toLowerCase()}-decl-hb-${this.crossingPointId}-${id}`,
      country: this.country,
      crossingPoint: this.crossingPointId,
      upTo,
    };
  }
}
