import { worldCache } from './world-cache';
import { COUNTRIES, type CameraHeartbeat, type Country, type PlateRead } from '@uamd/domain';
import { declarationHeartbeatViolations, heartbeatViolations } from './heartbeat-contract';
import { incidentsOf } from './incident-truth';
import { type Incident } from './incidents';
import { observeSide, type ObservedEvent } from './observe';
import { scenarioByName, SCENARIOS } from './scenarios';
import { generateWorld } from './traffic-generator';
import { truthOf } from './truth';
import { type World } from './world';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const OTACI = 'mohyliv-podilskyi-otaci';
const SEED = 42;

/** Each scenario's world, generated once for the whole file. */
const world = worldCache(SEED);
const both = (w: World): ObservedEvent[] => COUNTRIES.flatMap((c) => observeSide(w, c));
const reads = (events: readonly ObservedEvent[]) =>
  events.flatMap((o) =>
    o.event.type === 'PlateRead' ? [{ at: o.deliverAt, r: o.event.data }] : [],
  );
const beats = (events: readonly ObservedEvent[]) =>
  events.flatMap((o) =>
    o.event.type === 'CameraHeartbeat' ? [{ at: o.deliverAt, hb: o.event.data }] : [],
  );
const declarations = (events: readonly ObservedEvent[]) =>
  events.flatMap((o) =>
    o.event.type === 'CustomsDeclaration' ? [{ at: o.deliverAt, d: o.event.data }] : [],
  );
const incident = <K extends Incident['kind']>(w: World, kind: K) =>
  w.scenario.incidents!.find((i): i is Extract<Incident, { kind: K }> => i.kind === kind)!;
const tripsAt = (w: World, post: string) => w.trips.filter((t) => t.crossingPoint === post).length;

describe('every named scenario of a day or less (longer ones: world-stream.spec)', () => {
  it.each(SCENARIOS.filter((s) => s.durationMinutes <= 24 * 60).map((s) => s.name))(
    '%s: the same seed gives deep-equal events on both sides, heartbeats honest',
    (name) => {
      const a = world(name);
      const b = generateWorld(scenarioByName(name), SEED);
      // Compared as JSON: deep equality, key order included, and fast on a day of events.
      for (const c of COUNTRIES) {
        const events = observeSide(a, c);
        expect(JSON.stringify(observeSide(b, c)) === JSON.stringify(events)).toBe(true);
        expect(heartbeatViolations(events)).toEqual([]);
        expect(declarationHeartbeatViolations(events)).toEqual([]);
      }
      expect(JSON.stringify(truthOf(b)) === JSON.stringify(truthOf(a))).toBe(true);
    },
  );
});

describe('holiday-peak', () => {
  const holiday = world('holiday-peak');
  const weekday = world('weekday');
  const waits = (w: World) =>
    w.trips
      .filter((t) => t.plannedEntryTime !== null)
      .map((t) => t.queueWaitMs)
      .sort((a, b) => a - b);
  const p90 = (xs: number[]) => xs[Math.floor(0.9 * (xs.length - 1))]!;

  it('carries 2–2.5 times the weekday volume', () => {
    const ratio = holiday.trips.length / weekday.trips.length;
    expect(ratio).toBeGreaterThan(2);
    expect(ratio).toBeLessThan(2.7);
  });

  it('queues at the entry controls: a tenth of the vehicles wait over half an hour, on a weekday minutes', () => {
    expect(p90(waits(holiday))).toBeGreaterThan(30 * MINUTE);
    expect(p90(waits(weekday))).toBeLessThan(10 * MINUTE);
  });
});

describe('bridge-repair', () => {
  const bridge = world('bridge-repair');
  const weekday = world('weekday');
  const events = both(bridge);
  const closure = incident(bridge, 'post-closed');

  it('closes Mohyliv-Podilskyi–Otaci for the whole scenario window', () => {
    expect(closure.from).toBeLessThanOrEqual(bridge.start);
    expect(closure.to).toBeGreaterThanOrEqual(bridge.end);
    expect(closure.to - closure.from).toBe(10 * 24 * HOUR);
  });

  it('sees no vehicle and no declaration at the closed bridge, while its cameras keep sending heartbeats', () => {
    expect(reads(events).filter(({ r }) => r.crossingPoint === OTACI)).toEqual([]);
    expect(declarations(events).filter(({ d }) => d.crossingPoint === OTACI)).toEqual([]);
    expect(tripsAt(bridge, OTACI)).toBe(0);
    expect(beats(events).filter(({ hb }) => hb.crossingPoint === OTACI).length).toBeGreaterThan(0);
  });

  it('sends its traffic to the other two posts: each carries more than on a weekday, the diverted trips say so', () => {
    for (const post of ['mamalyha-criva', 'maiaki-udobne-palanca'])
      expect(tripsAt(bridge, post)).toBeGreaterThan(tripsAt(weekday, post) * 1.3);
    const diverted = truthOf(bridge).filter((t) => t.divertedFrom === OTACI);
    expect(diverted.length).toBeGreaterThan(0.7 * tripsAt(weekday, OTACI));
    for (const t of diverted) expect(t.incidents).toContain('post-closed');
    expect(incidentsOf(bridge)).toEqual([{ ...closure, trips: diverted.length }]);
  });
});

describe('md-central-outage', () => {
  const outageWorld = world('md-central-outage');
  const outage = incident(outageWorld, 'declarations-outage');
  const published = (country: Country) =>
    declarations(observeSide(outageWorld, country)).map(({ at, d }) => ({ at, d }));
  const md = published('MD');
  const inOutage = (t: number) => t >= outage.from && t < outage.to;

  it('publishes no Moldovan declaration during the outage, while Ukraine goes on', () => {
    expect(md.filter(({ at }) => inOutage(at))).toEqual([]);
    expect(published('UA').filter(({ at }) => inOutage(at)).length).toBeGreaterThan(20);
  });

  it('publishes those lodged meanwhile in a burst right after, with their lodgement times kept', () => {
    const held = md.filter(({ d }) => inOutage(d.lodgedAt));
    expect(held.length).toBeGreaterThan(20);
    const burstEnd = outage.to + outage.catchUpMinutes * MINUTE;
    for (const { at } of held) {
      expect(at).toBeGreaterThanOrEqual(outage.to);
      expect(at).toBeLessThan(burstEnd);
    }
    // The burst publishes hours of declarations in minutes: far above the usual rate.
    const usualPerMinute =
      md.filter(({ at }) => at < outage.from && at >= outageWorld.start).length /
      ((outage.from - outageWorld.start) / MINUTE);
    const burstPerMinute =
      md.filter(({ at }) => at >= outage.to && at < burstEnd).length / outage.catchUpMinutes;
    expect(burstPerMinute).toBeGreaterThan(10 * usualPerMinute);
  });

  it('lets trucks cross meanwhile, and tells in the truth whose paperwork was held', () => {
    const trucksRead = reads(observeSide(outageWorld, 'MD')).filter(
      ({ r }) => r.vehicleCategory === 'TRUCK' && inOutage(r.captureTime),
    );
    expect(trucksRead.length).toBeGreaterThan(20);
    const tagged = truthOf(outageWorld).filter((t) => t.incidents?.includes('declarations-outage'));
    expect(tagged.length).toBe(
      new Set(md.filter(({ d }) => inOutage(d.lodgedAt)).map(({ d }) => d.mrn)).size,
    );
  });
});

describe('blockade', () => {
  const blocked = world('blockade');
  const stop = incident(blocked, 'blockade');
  const skew = blocked.scenario.noise.maxClockSkewMs;
  const otaci = reads(both(blocked)).filter(({ r }) => r.crossingPoint === OTACI);
  const entriesIntoMd = otaci.filter(({ r }) => r.direction === 'ENTRY' && r.country === 'MD');
  const countIn = (xs: Array<{ r: PlateRead }>, from: number, to: number) =>
    xs.filter(({ r }) => r.captureTime >= from && r.captureTime < to).length;

  it('stops entries into Moldova at Otaci for its duration (camera clocks allowed their skew)', () => {
    expect(stop).toMatchObject({ crossingPoint: OTACI, entryCountry: 'MD' });
    expect(countIn(entriesIntoMd, stop.from + skew, stop.to - skew)).toBe(0);
  });

  it('lets Ukrainian exits there go on and entries the other way too', () => {
    const hours = (stop.to - stop.from) / HOUR;
    const exits = otaci.filter(({ r }) => r.direction === 'EXIT' && r.country === 'UA');
    expect(countIn(exits, stop.from, stop.to) / hours).toBeGreaterThan(8);
    const intoUa = otaci.filter(({ r }) => r.direction === 'ENTRY' && r.country === 'UA');
    expect(countIn(intoUa, stop.from, stop.to) / hours).toBeGreaterThan(8);
  });

  it('releases the queue in a burst: the hour after carries several times the hourly entries before', () => {
    const before =
      countIn(entriesIntoMd, blocked.start, stop.from) / ((stop.from - blocked.start) / HOUR);
    expect(countIn(entriesIntoMd, stop.to, stop.to + HOUR)).toBeGreaterThan(2.5 * before);
  });

  it('shows in the truth as long waits of the vehicles caught', () => {
    const caught = blocked.trips.filter((t) => t.incidents.includes('blockade'));
    expect(caught.length).toBeGreaterThan(30);
    expect(Math.max(...caught.map((t) => t.queueWaitMs))).toBeGreaterThan(2.5 * HOUR);
    for (const t of caught) expect(t.plannedEntryTime).toBeGreaterThanOrEqual(stop.to);
  });
});

describe('camera-outage', () => {
  const down = world('camera-outage');
  const outage = incident(down, 'camera-outage');
  const md = observeSide(down, 'MD');
  const during = (at: number) => at >= outage.from && at < outage.to;
  const heartbeatsOf = (cameraId: string) => beats(md).filter(({ hb }) => hb.cameraId === cameraId);

  it('sends neither reads nor heartbeats from that camera during the outage', () => {
    const own = md.filter(
      (o) =>
        (o.event.type === 'PlateRead' || o.event.type === 'CameraHeartbeat') &&
        o.event.data.cameraId === outage.cameraId,
    );
    expect(own.filter((o) => during(o.deliverAt))).toEqual([]);
    expect(heartbeatsOf(outage.cameraId).some(({ at }) => at >= outage.to)).toBe(true);
  });

  it('keeps its peers at the post sending heartbeats every interval', () => {
    const interval = down.scenario.heartbeatIntervalSeconds * 1000;
    for (const peer of ['MD-1-ENTRY-L2', 'MD-1-EXIT-L1', 'MD-1-EXIT-L2'])
      expect(heartbeatsOf(peer).filter(({ at }) => during(at))).toHaveLength(
        (outage.to - outage.from) / interval,
      );
  });

  it('leaves the vehicles that passed it unseen, and says so in the truth', () => {
    const unseen = truthOf(down).filter((t) => t.incidents?.includes('camera-outage'));
    expect(unseen.length).toBeGreaterThan(5);
    for (const t of unseen) {
      expect(t.entryEventIds).toEqual([]);
      expect(during(t.entryCaptureTime!)).toBe(true);
    }
  });
});

describe('late-neighbour-feed', () => {
  const lateWorld = world('late-neighbour-feed');
  const feed = incident(lateWorld, 'late-feed');
  const delay = feed.delayMinutes * MINUTE;
  const halfSkew = lateWorld.scenario.noise.maxClockSkewMs / 2;

  /** Delivery time minus the time the event speaks of: capture, heartbeats' `upTo`, lodgement. */
  const lags = (country: 'UA' | 'MD') =>
    observeSide(lateWorld, country).map(({ deliverAt, event }) => {
      const at =
        event.type === 'PlateRead'
          ? event.data.captureTime
          : event.type === 'CustomsDeclaration'
            ? event.data.lodgedAt
            : event.data.upTo;
      return { type: event.type, at, lag: deliverAt - at };
    });

  it('delivers every Moldovan read, heartbeat and declaration from then on at least the delay late', () => {
    // Camera clocks are off true time by at most half the skew bound.
    const after = lags('MD').filter((e) => e.at >= feed.from + halfSkew);
    expect(after.length).toBeGreaterThan(1000);
    expect(Math.min(...after.map((e) => e.lag))).toBeGreaterThanOrEqual(delay - halfSkew);
  });

  it('keeps the Ukrainian feed on time', () => {
    const heartbeats = lags('UA').filter((e) => e.type === 'CameraHeartbeat');
    expect(Math.max(...heartbeats.map((e) => e.lag))).toBeLessThanOrEqual(halfSkew + 8 * MINUTE);
  });
});

describe('clock-drift', () => {
  const drifting = world('clock-drift');
  const drift = incident(drifting, 'clock-drift');
  /** Camera clock minus true time, read off each heartbeat (sent at true time, `upTo` on the camera clock). */
  const offsets = (cameraId: string) =>
    beats(observeSide(drifting, 'MD'))
      .filter(({ hb }) => hb.cameraId === cameraId)
      .map(({ at, hb }: { at: number; hb: CameraHeartbeat }) => ({ at, offset: hb.upTo - at }));

  it("grows that camera's clock offset by the drift rate, past the 3-min skew bound", () => {
    // A heartbeat held below a late read shows a smaller offset: take the largest of each end.
    const seen = offsets(drift.cameraId);
    const head = seen.slice(0, 20);
    const tail = seen.slice(-20);
    const grown = Math.max(...tail.map((o) => o.offset)) - Math.max(...head.map((o) => o.offset));
    const minutes = (tail[tail.length - 1]!.at - head[head.length - 1]!.at) / MINUTE;
    expect(Math.abs(grown - minutes * drift.msPerMinute)).toBeLessThan(30_000);
    expect(grown).toBeGreaterThan(drifting.scenario.noise.maxClockSkewMs);
  });

  it("moves the capture times of that camera's reads with it, and no other camera's", () => {
    const trueTimes = new Map(
      drifting.trips.flatMap((t) =>
        [t.exit, t.entry].flatMap(
          (p) => p?.reads.map((r) => [r.eventId, r.trueTime] as const) ?? [],
        ),
      ),
    );
    const md: PlateRead[] = reads(observeSide(drifting, 'MD')).map(({ r }) => r);
    const ahead = (r: PlateRead) => r.captureTime - trueTimes.get(r.eventId)!;
    const late = md.filter(
      (r) => r.cameraId === drift.cameraId && r.captureTime > drifting.end - HOUR,
    );
    expect(late.length).toBeGreaterThan(3);
    for (const r of late) expect(ahead(r)).toBeGreaterThan(6 * MINUTE);
    for (const r of md.filter((x) => x.cameraId !== drift.cameraId))
      expect(Math.abs(ahead(r))).toBeLessThanOrEqual(drifting.scenario.noise.maxClockSkewMs / 2);
  });
});
