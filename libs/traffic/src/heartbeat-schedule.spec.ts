import { COUNTRIES, feedRankOf, INPUT_FEEDS, type Country } from '@uamd/domain';
import { declarationHeartbeatViolations, heartbeatViolations } from './heartbeat-contract';
import { finalHeartbeatDelivery, lastDeliveryOf } from './heartbeat-schedule';
import { IncidentEffects, type Incident } from './incidents';
import { observeBothSides, observeSide, type ObservedEvent } from './observe';
import { scenarioByName, scenarioPostIds, type Scenario } from './scenarios';
import { generateWorld } from './traffic-generator';
import { type World } from './world';
import { streamObservedEvents } from './world-stream';

const MINUTE = 60_000;
const SEED = 42;

/** Per post, the last delivery of each of its four feeds (as the reconciler's merge sees them). */
function lastPerFeed(events: readonly ObservedEvent[]): Map<string, number[]> {
  const last = new Map<string, number[]>();
  for (const { deliverAt, event } of events) {
    const post = event.data.crossingPoint;
    let feeds = last.get(post);
    if (!feeds) last.set(post, (feeds = INPUT_FEEDS.map(() => -Infinity)));
    const rank = feedRankOf(event);
    feeds[rank] = Math.max(feeds[rank]!, deliverAt);
  }
  return last;
}

const isHeartbeat = (o: ObservedEvent) =>
  o.event.type === 'CameraHeartbeat' || o.event.type === 'DeclarationHeartbeat';

/** The scenario with more incidents: the rule must hold whatever they are. */
const withIncidents = (name: string, incidents: Incident[]): Scenario => {
  const s = scenarioByName(name);
  return { ...s, incidents: [...(s.incidents ?? []), ...incidents] };
};
const at = (s: Scenario, minutes: number) => s.start + minutes * MINUTE;
const endOf = (s: Scenario) => at(s, s.durationMinutes);

const tiny = scenarioByName('tiny');
const md = scenarioByName('md-central-outage');
const EXTRA: ReadonlyArray<[string, Scenario]> = [
  [
    // D off the 30 s grid: the on-time side closes with an extra heartbeat exactly at D.
    'UA late 7.25 min from the start, MD on time',
    withIncidents('tiny', [
      { kind: 'late-feed', country: 'UA', from: tiny.start, delayMinutes: 7.25 },
    ]),
  ],
  [
    // D inside UA's delay jump: UA's closing heartbeat shares the send time of its last grid one.
    'MD late 30 min, UA late an hour from just after a tick past the end',
    withIncidents('tiny', [
      { kind: 'late-feed', country: 'MD', from: tiny.start, delayMinutes: 30 },
      { kind: 'late-feed', country: 'UA', from: endOf(tiny) + 10 * MINUTE + 1, delayMinutes: 60 },
    ]),
  ],
  [
    // Declarations held past the end: D is the end of the catch-up burst.
    'MD declarations down over the end',
    {
      ...md,
      incidents: [
        {
          kind: 'declarations-outage',
          country: 'MD',
          from: at(md, md.durationMinutes - 60),
          to: endOf(md) + 30 * MINUTE,
          catchUpMinutes: 10,
        },
      ],
    },
  ],
];

describe('every feed heartbeats up to the traffic’s last delivery', () => {
  const cases: Array<[string, Scenario]> = [
    ...[
      'demo',
      'late-neighbour-feed',
      'md-central-outage',
      'blockade',
      'camera-outage',
      'clock-drift',
    ].map((name): [string, Scenario] => [name, scenarioByName(name)]),
    ...EXTRA,
  ];

  describe.each(cases)('%s', (_, scenario) => {
    let world: World;
    let events: ObservedEvent[];
    beforeAll(() => {
      world = generateWorld(scenario, SEED);
      events = observeBothSides(world);
    });

    it('ends the four feeds of every post at the same delivery time, the traffic’s last', () => {
      const last = lastDeliveryOf(world);
      const perPost = lastPerFeed(events);
      expect([...perPost.keys()].sort()).toEqual([...scenarioPostIds(scenario)].sort());
      for (const [post, feeds] of perPost)
        expect([post, feeds]).toEqual([post, feeds.map(() => last)]);
      expect(Math.max(...events.map((o) => o.deliverAt))).toBe(last);
      // Only heartbeats at D: what else a feed delivers there would tie with its peers' last.
      expect(events.filter((o) => o.deliverAt === last && !isHeartbeat(o))).toEqual([]);
      expect(last).toBeGreaterThanOrEqual(
        finalHeartbeatDelivery(new IncidentEffects(scenario.incidents), world.end),
      );
    });

    it('closes every feed with a heartbeat, and keeps heartbeats honest after the end', () => {
      const last = lastDeliveryOf(world);
      for (const country of COUNTRIES) {
        const side = observeSide(world, country);
        expect(heartbeatViolations(side)).toEqual([]);
        expect(declarationHeartbeatViolations(side)).toEqual([]);
        const tail = side.filter((o) => o.deliverAt === last);
        expect(tail.filter(isHeartbeat).length).toBeGreaterThan(0);
        const after = side.filter((o) => o.deliverAt > world.end);
        const passing = after.flatMap(({ deliverAt, event }) =>
          event.type === 'DeclarationHeartbeat' && event.data.upTo > deliverAt ? [event] : [],
        );
        expect(passing).toEqual([]);
        const lodgedAfter = after.flatMap(({ event }) =>
          event.type === 'CustomsDeclaration' && event.data.lodgedAt > world.end ? [event] : [],
        );
        expect(lodgedAfter).toEqual([]);
      }
      // Nothing is captured after the end: the heartbeats after it vouch for silence.
      for (const trip of world.trips)
        for (const passage of [trip.exit, trip.entry])
          for (const read of passage?.reads ?? [])
            expect(read.trueTime).toBeLessThanOrEqual(world.end);
    });

    it('gives every event its own id', () => {
      const ids = events.map((o) => o.event.data.eventId);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('streams the same events as the whole world', () => {
      const streamed = [...streamObservedEvents(scenario, SEED, { chunkMinutes: 45 })];
      expect(streamed.length).toBe(events.length);
      expect(JSON.stringify(streamed) === JSON.stringify(events)).toBe(true);
    });
  });

  it('late-neighbour-feed: Ukraine goes on on the grid for the delay after the end, Moldova stops at its end heartbeat', () => {
    const s = scenarioByName('late-neighbour-feed');
    const world = generateWorld(s, SEED);
    const delay = 180 * MINUTE;
    expect(lastDeliveryOf(world)).toBe(world.end + delay);
    const interval = s.heartbeatIntervalSeconds * 1000;
    const ticksAfterEnd = (country: Country, type: 'CameraHeartbeat' | 'DeclarationHeartbeat') => {
      const side = observeSide(world, country);
      const posts = scenarioPostIds(s);
      const feed = side.filter(
        (o) =>
          o.event.type === type &&
          o.event.data.crossingPoint === posts[0] &&
          o.deliverAt > world.end,
      );
      return type === 'CameraHeartbeat' ? new Set(feed.map((o) => o.deliverAt)).size : feed.length;
    };
    expect(ticksAfterEnd('UA', 'DeclarationHeartbeat')).toBe(delay / interval);
    expect(ticksAfterEnd('UA', 'CameraHeartbeat')).toBe(delay / interval);
    // Moldova's heartbeats after the end are its own grid's up to the end, delivered late.
    const mdAfter = observeSide(world, 'MD').filter(
      (o) => o.event.type === 'DeclarationHeartbeat' && o.deliverAt > world.end,
    );
    expect(Math.max(...mdAfter.map((o) => (o.event.data as { upTo: number }).upTo))).toBe(
      world.end,
    );
  });

  it('a declaration heartbeat after the end vouches up to its send time; a camera one up to its clock then', () => {
    const s = EXTRA[0]![1];
    const world = generateWorld(s, SEED);
    const last = lastDeliveryOf(world);
    expect(last).toBe(world.end + 7.25 * MINUTE);
    const ua = observeSide(world, 'UA').filter((o) => o.deliverAt === last);
    const md = observeSide(world, 'MD').filter((o) => o.deliverAt === last);
    // UA's grid lands on D (its end heartbeat, late); MD closes off the grid, sent at D itself.
    const mdDeclarations = md.flatMap((o) =>
      o.event.type === 'DeclarationHeartbeat' ? [o.event.data] : [],
    );
    expect(mdDeclarations.length).toBe(scenarioPostIds(s).length);
    for (const hb of mdDeclarations)
      expect(hb).toMatchObject({ upTo: last, eventId: `md-decl-hb-${hb.crossingPoint}-${last}` });
    const mdCameras = md.flatMap((o) => (o.event.type === 'CameraHeartbeat' ? [o.event.data] : []));
    expect(mdCameras.length).toBeGreaterThan(0);
    for (const hb of mdCameras) expect(hb.upTo).toBe(last + world.clockOffsets[hb.cameraId]!);
    expect(md.filter(isHeartbeat).length).toBeGreaterThan(0);
    expect(ua.filter(isHeartbeat).length).toBeGreaterThan(0);
  });
});

it('in a delay’s jump, closes with a heartbeat at the last grid one’s send time, delivered at D, its own id', () => {
  const world = generateWorld(EXTRA[1]![1], SEED);
  const last = lastDeliveryOf(world);
  const sentAt = world.end + 10 * MINUTE;
  expect(last).toBe(world.end + 30 * MINUTE);
  const post = scenarioPostIds(world.scenario)[0]!;
  const ua = observeSide(world, 'UA').flatMap((o) =>
    o.event.type === 'DeclarationHeartbeat' && o.event.data.crossingPoint === post
      ? [{ at: o.deliverAt, id: o.event.data.eventId, upTo: o.event.data.upTo }]
      : [],
  );
  expect(ua.slice(-2)).toEqual([
    { at: sentAt, id: `ua-decl-hb-${post}-${sentAt}`, upTo: sentAt },
    { at: last, id: `ua-decl-hb-${post}-${sentAt}-final`, upTo: sentAt },
  ]);
});

it('with declarations held over the end, goes on until the catch-up burst is out', () => {
  const world = generateWorld(EXTRA[2]![1], SEED);
  const burst = observeSide(world, 'MD').filter((o) => o.event.type === 'CustomsDeclaration');
  const lastPublished = Math.max(...burst.map((o) => o.deliverAt));
  expect(lastPublished).toBeGreaterThan(world.end + 30 * MINUTE);
  expect(lastDeliveryOf(world)).toBe(lastPublished + 1);
});

describe('IncidentEffects.feedSentBy', () => {
  const effects = new IncidentEffects([
    { kind: 'late-feed', country: 'MD', from: 1_000_000, delayMinutes: 10 },
    { kind: 'late-feed', country: 'MD', from: 5_000_000, delayMinutes: 5 },
  ]);

  it('inverts feedDeliversAt where it is reached', () => {
    for (const t of [0, 999_999, 1_000_000, 2_345_678, 4_999_999, 5_000_000, 9_000_000])
      expect(effects.feedSentBy('MD', effects.feedDeliversAt('MD', t))).toBe(t);
    expect(effects.feedSentBy('UA', 123)).toBe(123);
  });

  it('inside a delay’s jump, gives the last instant before it', () => {
    expect(effects.feedSentBy('MD', 1_000_000 + 5 * MINUTE)).toBe(999_999);
    expect(effects.feedSentBy('MD', 5_000_000 + 12 * MINUTE)).toBe(4_999_999);
  });
});
