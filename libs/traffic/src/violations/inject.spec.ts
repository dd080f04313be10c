import { type InputEvent } from '@uamd/domain';
import faultyFeed from '../../../../scenarios/faulty-feed.v1.json';
import tinyJson from '../../../../scenarios/tiny.v1.json';
import { declarationHeartbeatViolations, heartbeatViolations } from '../heartbeat-contract';
import { observeBothSides, observeSide, type ObservedEvent } from '../observe';
import { parseScenarioDefinition } from '../scenario-file';
import { scenarioByName } from '../scenarios';
import { generateWorld } from '../traffic-generator';
import { truthOf } from '../truth';
import { streamObservedEvents } from '../world-stream';

const SEED = 7;
const CAMERA = 'MD-1-EXIT-L1';
const OTACI = 'mohyliv-podilskyi-otaci';
const at = (min: number) => new Date(Date.parse(tinyJson.start) + min * 60_000).toISOString();
const whole = { from: at(0), to: at(20) };

/** Tiny (twenty minutes, no noise) with these violations. */
const tinyWith = (violations: unknown[]) =>
  parseScenarioDefinition({ ...tinyJson, name: 'tiny-faulty', violations }, 'tiny-faulty.v1.json');
const streamed = (violations: unknown[], seed = SEED) => [
  ...streamObservedEvents(tinyWith(violations), seed),
];
const clean = streamed([]);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const dataOf = (e: ObservedEvent) => e.event.data as unknown as Record<string, unknown>;

describe('injecting a scenario’s violations', () => {
  it('given no block or an empty one, then the traffic is the scenario’s own, streamed or whole', () => {
    const tiny = scenarioByName('tiny');
    expect(same(clean, [...streamObservedEvents(tiny, SEED)])).toBe(true);
    const world = generateWorld(tinyWith([]), SEED);
    for (const c of ['UA', 'MD'] as const)
      expect(same(observeSide(world, c), observeSide(generateWorld(tiny, SEED), c))).toBe(true);
  });

  it('given the faulty-feed file, then the stream is the whole world’s, the same on every run, and the world is untouched', () => {
    const faulty = parseScenarioDefinition(faultyFeed, 'scenarios/faulty-feed.v1.json');
    const once = [...streamObservedEvents(faulty, 1)];
    expect(same(once, [...streamObservedEvents(faulty, 1)])).toBe(true);
    const world = generateWorld(faulty, 1);
    expect(same(once, observeBothSides(world))).toBe(true);
    const cleanWorld = generateWorld({ ...faulty, violations: [] }, 1);
    expect(same(truthOf(world), truthOf(cleanWorld))).toBe(true);
    expect(same(once, observeBothSides(cleanWorld))).toBe(false);
  });

  const mdOtaci = { country: 'MD', crossingPoint: OTACI, from: at(-120), to: at(20) };
  const camera = { cameraId: CAMERA, ...whole };
  it.each<[string, string, string, Record<string, unknown>]>([
    ['TC-FIELD-1', 'a camera', 'laneId', camera],
    ['TC-FIELD-2', 'a camera', 'plateText', camera],
    ['TC-FIELD-2', 'a declaration feed', 'tractorPlate', mdOtaci],
    ['TC-FIELD-3', 'a declaration feed', 'mrn', mdOtaci],
    ['TC-FIELD-4', 'a declaration feed', 'goods', mdOtaci],
    ['TC-FIELD-5', 'a camera', 'captureTime', camera],
    ['TC-DECL-1', 'a declaration feed', 'releasedAt', mdOtaci],
    ['TC-FEED-2', 'a camera', 'eventId', camera],
  ])(
    'given %s ×3 into %s, then three messages differ, in %s alone',
    (condition, _, field, feed) => {
      const faulty = streamed([{ condition, ...feed, count: 3 }]);
      expect(faulty).toHaveLength(clean.length);
      const changed = faulty.flatMap((e, i) => {
        const before = dataOf(clean[i]!);
        const after = dataOf(e);
        const fields = Object.keys(after).filter((k) => !same(after[k], before[k]));
        return fields.length > 0 || e.deliverAt !== clean[i]!.deliverAt ? [fields] : [];
      });
      expect(changed).toEqual([[field], [field], [field]]);
    },
  );

  it('given reads and declarations delivered late, then each side stays in delivery order and every heartbeat honest', () => {
    const faulty = streamed([
      {
        condition: 'TC-TIME-1',
        cameraId: 'MD-1-EXIT-L2',
        from: at(0),
        to: at(4),
        count: 2,
        lateMinutes: 16,
      },
      { condition: 'TC-TIME-2', ...mdOtaci, to: at(0), count: 3, lateMinutes: 16 },
    ]);
    const late = (e: ObservedEvent) => {
      const twin = clean.find((c) => c.event.data.eventId === e.event.data.eventId)!;
      return e.deliverAt - twin.deliverAt;
    };
    const moved = faulty.filter(
      (e) =>
        (e.event.type === 'PlateRead' || e.event.type === 'CustomsDeclaration') && late(e) !== 0,
    );
    expect(moved.map((e) => [e.event.type, late(e) / 60_000])).toEqual(
      expect.arrayContaining([
        ['PlateRead', 16],
        ['PlateRead', 16],
        ['CustomsDeclaration', 16],
        ['CustomsDeclaration', 16],
        ['CustomsDeclaration', 16],
      ]),
    );
    expect(moved).toHaveLength(5);
    for (const c of ['UA', 'MD']) {
      const side = faulty.filter((e) => e.event.data.country === c);
      expect(side.every((e, i) => i === 0 || e.deliverAt >= side[i - 1]!.deliverAt)).toBe(true);
      expect(heartbeatViolations(side)).toEqual([]);
      expect(declarationHeartbeatViolations(side)).toEqual([]);
    }
  });

  it('given a camera silent for two minutes, then exactly its four heartbeats of the window are left out', () => {
    const faulty = streamed([{ condition: 'TC-FEED-3', cameraId: CAMERA, from: at(5), to: at(7) }]);
    const kept = new Set(faulty.map((e) => JSON.stringify(e)));
    const gone = clean.filter((e) => !kept.has(JSON.stringify(e)));
    expect(gone.map((e) => [e.event.type, (e.deliverAt - Date.parse(at(0))) / 1000])).toEqual([
      ['CameraHeartbeat', 300],
      ['CameraHeartbeat', 330],
      ['CameraHeartbeat', 360],
      ['CameraHeartbeat', 390],
    ]);
    expect(faulty).toHaveLength(clean.length - 4);
  });

  const numbers = (events: readonly ObservedEvent[]) =>
    events.flatMap(({ event }: { event: InputEvent }) =>
      event.type === 'PlateRead' && event.data.cameraId === CAMERA ? [event.data.sequence] : [],
    );

  it('given a camera that skips numbers, then its reads are all there with two numbers never used', () => {
    const got = numbers(
      streamed([{ condition: 'TC-FEED-1', fault: 'gap', cameraId: CAMERA, ...whole, count: 2 }]),
    );
    expect(got).toHaveLength(numbers(clean).length);
    const max = Math.max(...got);
    expect(max + 1 - new Set(got).size).toBe(2);
  });

  it('given a camera that numbers reads alike, then two numbers come twice and none is skipped', () => {
    const got = numbers(
      streamed([{ condition: 'TC-FEED-1', fault: 'repeat', cameraId: CAMERA, ...whole, count: 2 }]),
    );
    expect(got).toHaveLength(numbers(clean).length);
    expect(got.length - new Set(got).size).toBe(2);
    expect(Math.max(...got) + 1).toBe(new Set(got).size);
  });

  it('given more than the window can give, then the traffic is refused once through, naming the violation', () => {
    const greedy = [
      {
        condition: 'TC-TIME-1',
        cameraId: CAMERA,
        from: at(0),
        to: at(4),
        count: 5,
        lateMinutes: 16,
      },
    ];
    const message =
      'violations[0] (TC-TIME-1): injected 1 of 5: the window 2024-09-02T06:00:00.000Z–2024-09-02T06:04:00.000Z delivers too few reads';
    expect(() => streamed(greedy)).toThrow(message);
    expect(() => observeSide(generateWorld(tinyWith(greedy), SEED), 'MD')).toThrow(message);
    // The other side has none of it to inject.
    expect(observeSide(generateWorld(tinyWith(greedy), SEED), 'UA').length).toBeGreaterThan(0);
  });
});
