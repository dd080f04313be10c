import { type Country } from '@uamd/domain';

/**
 * Something that goes wrong at the border during a scenario (docs/domain.md "Incidents worth
 * replaying"). Times are epoch ms, `from` inclusive and `to` exclusive. Incidents are part of the
 * world, not noise: `withNoiseScale` leaves them as defined.
 */
export type Incident =
  PostClosure | Blockade | DeclarationsOutage | CameraOutage | LateFeed | ClockDrift;

/** The post carries no traffic either way; shares of its traffic go to other posts instead. */
export interface PostClosure {
  kind: 'post-closed';
  crossingPoint: string;
  from: number;
  to: number;
  /** Registry id → share of the closed post's traffic that crosses there instead (the rest goes elsewhere). */
  divertTo: Readonly<Record<string, number>>;
}

/** Entries into `entryCountry` at the post stop: exits go on, vehicles queue, then the queue releases. */
export interface Blockade {
  kind: 'blockade';
  crossingPoint: string;
  entryCountry: Country;
  from: number;
  to: number;
}

/**
 * One country's central declarations system is down: declarations lodged meanwhile (recorded at
 * the post with their lodgement time) are published only when it returns, all of them within
 * `catchUpMinutes`, in lodgement order. Trucks keep crossing.
 */
export interface DeclarationsOutage {
  kind: 'declarations-outage';
  country: Country;
  from: number;
  to: number;
  catchUpMinutes: number;
}

/** The camera sends neither reads nor heartbeats: vehicles passing meanwhile are unseen by it. */
export interface CameraOutage {
  kind: 'camera-outage';
  cameraId: string;
  from: number;
  to: number;
}

/** Everything one country publishes from `from` on (reads, heartbeats, declarations) arrives `delayMinutes` late. */
export interface LateFeed {
  kind: 'late-feed';
  country: Country;
  from: number;
  delayMinutes: number;
}

/** The camera's clock gains `msPerMinute` every minute from `from`, up to `maxDriftMs` when given. */
export interface ClockDrift {
  kind: 'clock-drift';
  cameraId: string;
  from: number;
  msPerMinute: number;
  maxDriftMs?: number;
}

export type IncidentKind = Incident['kind'];

const MINUTE = 60_000;
const inside = (t: number, w: { from: number; to: number }) => t >= w.from && t < w.to;

/**
 * The incidents of a scenario as the generator asks about them. Every answer is a function of
 * the instant asked about, so the world can be generated in any order, piece by piece.
 */
export class IncidentEffects {
  constructor(readonly incidents: readonly Incident[] = []) {}

  private of<K extends IncidentKind>(kind: K): Array<Extract<Incident, { kind: K }>> {
    return this.incidents.filter((i): i is Extract<Incident, { kind: K }> => i.kind === kind);
  }

  /** The closure in force at the post at t, if any. */
  closureAt(crossingPointId: string, t: number): PostClosure | undefined {
    return this.of('post-closed').find((c) => c.crossingPoint === crossingPointId && inside(t, c));
  }

  /** Instants where some rate of the arrival process changes, besides whole hours. */
  rateChanges(): number[] {
    return this.of('post-closed').flatMap((c) => [c.from, c.to]);
  }

  /** When the entry control of the post into `entryCountry` lets a vehicle ready at t through: t, or the end of a stop. */
  entryGateOpenAt(crossingPointId: string, entryCountry: Country, t: number): number {
    const stops = [
      ...this.of('post-closed').filter((c) => c.crossingPoint === crossingPointId),
      ...this.of('blockade').filter(
        (b) => b.crossingPoint === crossingPointId && b.entryCountry === entryCountry,
      ),
    ];
    let at = t;
    // Stops may overlap or follow each other: wait until none holds.
    for (let stop = stops.find((w) => inside(at, w)); stop; stop = stops.find((w) => inside(at, w)))
      at = stop.to;
    return at;
  }

  cameraDownAt(cameraId: string, t: number): CameraOutage | undefined {
    return this.of('camera-outage').find((o) => o.cameraId === cameraId && inside(t, o));
  }

  /** When a camera that has something to send at t can send it: t, or when its outage ends. */
  cameraSendsAt(cameraId: string, t: number): number {
    return this.cameraDownAt(cameraId, t)?.to ?? t;
  }

  /** How far the camera's clock has drifted at true time t, ms (on top of its fixed offset). */
  clockDriftAt(cameraId: string, t: number): number {
    let drift = 0;
    for (const d of this.of('clock-drift')) {
      if (d.cameraId !== cameraId || t <= d.from) continue;
      const grown = Math.round(((t - d.from) / MINUTE) * d.msPerMinute);
      drift +=
        d.maxDriftMs === undefined
          ? grown
          : Math.sign(grown) * Math.min(Math.abs(grown), d.maxDriftMs);
    }
    return drift;
  }

  /**
   * When the country's feed delivers what its side sends at t. Strictly increasing in t, so a late
   * feed keeps every camera's order and its heartbeats stay honest.
   */
  feedDeliversAt(country: Country, t: number): number {
    let at = t;
    for (const f of this.of('late-feed'))
      if (f.country === country && t >= f.from) at += f.delayMinutes * MINUTE;
    return at;
  }

  /**
   * The latest true time whose sending the country's feed has delivered by `deliverAt`: the
   * inverse of `feedDeliversAt` where it reaches `deliverAt`, else the last instant before the
   * delay that jumps past it.
   */
  feedSentBy(country: Country, deliverAt: number): number {
    const froms = [
      ...new Set(this.of('late-feed').flatMap((f) => (f.country === country ? [f.from] : []))),
    ].sort((a, b) => a - b);
    // Between two consecutive `from`s the delay is fixed: the latest stretch whose first instant
    // is delivered by `deliverAt` holds the answer (`feedDeliversAt` is strictly increasing).
    for (let i = froms.length - 1; i >= 0; i--) {
      const from = froms[i]!;
      const deliveredFrom = this.feedDeliversAt(country, from);
      if (deliveredFrom > deliverAt) continue;
      const sent = from + (deliverAt - deliveredFrom);
      return i + 1 < froms.length ? Math.min(sent, froms[i + 1]! - 1) : sent;
    }
    return froms.length > 0 ? Math.min(deliverAt, froms[0]! - 1) : deliverAt;
  }

  /** When a declaration lodged at `lodgedAt` is published: at once, or in the catch-up burst after an outage. */
  declarationPublishedAt(country: Country, lodgedAt: number): number {
    let at = lodgedAt;
    for (const o of this.of('declarations-outage'))
      if (o.country === country && inside(lodgedAt, o))
        at = o.to + Math.floor(((lodgedAt - o.from) / (o.to - o.from)) * o.catchUpMinutes * MINUTE);
    return this.feedDeliversAt(country, at);
  }

  /**
   * The latest lodgement time the country's central declarations system can vouch for at t: t,
   * or the start of an outage in force at t (what is lodged meanwhile reaches it only after).
   * Never decreasing in t, so a declaration heartbeat never goes backwards.
   */
  declarationsKnownUpTo(country: Country, t: number): number {
    let upTo = t;
    for (const o of this.of('declarations-outage'))
      if (o.country === country && inside(t, o)) upTo = Math.min(upTo, o.from);
    return upTo;
  }
}
