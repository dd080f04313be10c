import { worldCache } from './world-cache';
import {
  COUNTRIES,
  type Country,
  type CustomsDeclaration,
  type DeclarationHeartbeat,
} from '@uamd/domain';
import { declarationHeartbeatsOf } from './declaration-heartbeats';
import { declarationHeartbeatViolations } from './heartbeat-contract';
import { lastDeliveryOf } from './heartbeat-schedule';
import { IncidentEffects, type DeclarationsOutage, type LateFeed } from './incidents';
import { observeSide, type ObservedEvent } from './observe';
import { scenarioByName, scenarioPostIds } from './scenarios';
import { generateWorld } from './traffic-generator';
import { type World } from './world';

const MINUTE = 60_000;
const SEED = 42;

/** Each scenario's world, generated once for the whole file. */
const world = worldCache(SEED);
const beats = (events: readonly ObservedEvent[]) =>
  events.flatMap((o) =>
    o.event.type === 'DeclarationHeartbeat' ? [{ at: o.deliverAt, hb: o.event.data }] : [],
  );
const declarations = (events: readonly ObservedEvent[]) =>
  events.flatMap((o) =>
    o.event.type === 'CustomsDeclaration' ? [{ at: o.deliverAt, d: o.event.data }] : [],
  );
const feedOf = (e: CustomsDeclaration | DeclarationHeartbeat) => `${e.country}:${e.crossingPoint}`;
/**
 * Heartbeats of one feed of the country: on the grid from start to end inclusive, then on while
 * the feed delivers by the traffic's last delivery D, and a closing one at D off the grid.
 */
const ticks = (w: World, country: Country) => {
  const interval = w.scenario.heartbeatIntervalSeconds * 1000;
  const effects = new IncidentEffects(w.scenario.incidents);
  const last = lastDeliveryOf(w);
  let n = (w.end - w.start) / interval + 1;
  while (effects.feedDeliversAt(country, w.start + n * interval) <= last) n++;
  const landed = effects.feedDeliversAt(country, w.start + (n - 1) * interval) === last;
  return landed ? n : n + 1;
};

describe('declaration heartbeats', () => {
  describe.each(['md-central-outage', 'late-neighbour-feed', 'weekday', 'demo', 'camera-outage'])(
    '%s',
    (name) => {
      const w = world(name);

      it.each(COUNTRIES)(
        '%s: every declaration lodged up to a heartbeat upTo is delivered by then, upTo never goes back',
        (country) => {
          const events = observeSide(w, country);
          const byFeed = new Map<string, Array<{ at: number; d: CustomsDeclaration }>>();
          for (const decl of declarations(events))
            byFeed.set(feedOf(decl.d), [...(byFeed.get(feedOf(decl.d)) ?? []), decl]);
          const last = new Map<string, number>();
          for (const { at, hb } of beats(events)) {
            const early = (byFeed.get(feedOf(hb)) ?? []).filter(
              ({ at: published, d }) => d.lodgedAt <= hb.upTo && published > at,
            );
            expect(early).toEqual([]);
            expect(hb.upTo).toBeGreaterThanOrEqual(last.get(feedOf(hb)) ?? -Infinity);
            expect(hb.upTo).toBeLessThanOrEqual(at);
            last.set(feedOf(hb), hb.upTo);
          }
          expect(declarationHeartbeatViolations(events)).toEqual([]);
        },
      );

      it.each(COUNTRIES)(
        '%s: one heartbeat per post every interval, start to the last delivery, each its own id',
        (country) => {
          const found = beats(observeSide(w, country));
          const posts = scenarioPostIds(w.scenario);
          expect(found).toHaveLength(posts.length * ticks(w, country));
          for (const post of posts) {
            const own = found.filter(({ hb }) => hb.crossingPoint === post);
            expect(own).toHaveLength(ticks(w, country));
            expect(own[own.length - 1]!.at).toBe(lastDeliveryOf(w));
          }
          expect(new Set(found.map(({ hb }) => hb.eventId)).size).toBe(found.length);
          expect(found.every(({ hb }) => hb.country === country)).toBe(true);
        },
      );

      it('publishes no declaration before its lodgement (the stream relies on it)', () => {
        const early = COUNTRIES.flatMap((c) => declarations(observeSide(w, c))).filter(
          ({ at, d }) => at < d.lodgedAt,
        );
        expect(early).toEqual([]);
      });
    },
  );

  describe('md-central-outage', () => {
    const w = world('md-central-outage');
    const outage = w.scenario.incidents!.find(
      (i): i is DeclarationsOutage => i.kind === 'declarations-outage',
    )!;
    const burstEnd = outage.to + outage.catchUpMinutes * MINUTE;
    const during = (at: number) => at >= outage.from && at < outage.to;
    const feeds = (country: Country) => {
      const byPost = new Map<string, Array<{ at: number; hb: DeclarationHeartbeat }>>();
      for (const beat of beats(observeSide(w, country)))
        byPost.set(beat.hb.crossingPoint, [...(byPost.get(beat.hb.crossingPoint) ?? []), beat]);
      return [...byPost.values()];
    };

    it('holds every Moldovan heartbeat at the outage start while the system is down, still sent every interval', () => {
      const interval = w.scenario.heartbeatIntervalSeconds * 1000;
      for (const feed of feeds('MD')) {
        const held = feed.filter(({ at }) => during(at));
        expect(held).toHaveLength((outage.to - outage.from) / interval);
        expect(new Set(held.map(({ hb }) => hb.upTo)).size).toBe(1);
        expect(held[0]!.hb.upTo).toBeLessThanOrEqual(outage.from);
        expect(held[0]!.hb.upTo).toBeGreaterThan(outage.from - interval);
      }
    });

    it('catches up once the burst is out: past the outage start, then up to the send time', () => {
      for (const feed of feeds('MD')) {
        const after = feed.filter(({ at }) => at >= outage.to);
        expect(after.every(({ hb }) => hb.upTo > outage.from)).toBe(true);
        for (const { at, hb } of after.filter(({ at }) => at >= burstEnd)) expect(hb.upTo).toBe(at);
      }
    });

    it('keeps the Ukrainian heartbeats moving with the send time', () => {
      for (const feed of feeds('UA')) for (const { at, hb } of feed) expect(hb.upTo).toBe(at);
    });
  });

  describe('late-neighbour-feed', () => {
    const w = world('late-neighbour-feed');
    const feed = w.scenario.incidents!.find((i): i is LateFeed => i.kind === 'late-feed')!;
    const delay = feed.delayMinutes * MINUTE;

    it('delivers the Moldovan heartbeats sent from then on the delay late, vouching for their send time', () => {
      const md = beats(observeSide(w, 'MD'));
      const late = md.filter(({ hb }) => hb.upTo >= feed.from);
      expect(late.length).toBeGreaterThan(100);
      for (const { at, hb } of late) expect(at - hb.upTo).toBe(delay);
      for (const { at, hb } of md.filter(({ hb }) => hb.upTo < feed.from)) expect(at).toBe(hb.upTo);
    });
  });

  it.each(['md-central-outage', 'late-neighbour-feed'])(
    '%s: the same seed gives deep-equal heartbeats',
    (name) => {
      const again = generateWorld(scenarioByName(name), SEED);
      for (const country of COUNTRIES)
        expect(declarationHeartbeatsOf(again, country)).toEqual(
          declarationHeartbeatsOf(world(name), country),
        );
    },
  );
});
