import { camerasOf, COUNTRIES, CROSSING_POINTS, type Country, type Direction } from '@uamd/domain';
import { Fields, window } from '../scenario-fields';
import {
  CONDITION_LIMITS,
  type FeedRef,
  type InjectableCondition,
  type Violation,
} from './violation';

/** What each condition's entry names and carries (scenarios/README.md, "Violations"). */
const KINDS: Readonly<
  Record<InjectableCondition, { feeds: readonly FeedRef['kind'][]; counted: boolean }>
> = {
  'TC-FIELD-1': { feeds: ['camera'], counted: true },
  'TC-FIELD-2': { feeds: ['camera', 'declarations'], counted: true },
  'TC-FIELD-3': { feeds: ['declarations'], counted: true },
  'TC-FIELD-4': { feeds: ['declarations'], counted: true },
  'TC-FIELD-5': { feeds: ['camera'], counted: true },
  'TC-TIME-1': { feeds: ['camera'], counted: true },
  'TC-TIME-2': { feeds: ['declarations'], counted: true },
  'TC-FEED-1': { feeds: ['camera'], counted: true },
  'TC-FEED-2': { feeds: ['camera', 'declarations'], counted: true },
  'TC-FEED-3': { feeds: ['camera', 'declarations'], counted: false },
  'TC-FEED-4': { feeds: ['camera', 'declarations'], counted: true },
  'TC-FEED-5': { feeds: ['camera', 'declarations'], counted: true },
  'TC-DECL-1': { feeds: ['declarations'], counted: true },
};

export const INJECTABLE_CONDITIONS = Object.keys(KINDS) as InjectableCondition[];

/** The conditions the generator cannot inject, and why (scenarios/README.md says the same). */
const NOT_INJECTABLE: Readonly<Record<string, string>> = {
  'TC-FRAME-1':
    'framing is about bytes, and the generator writes only valid Avro records (the framing tests use hand-made bytes)',
  'TC-FRAME-2': 'a generated message is written to the topic and key its type and country give',
  'TC-TIME-3': 'an advisory share of each camera’s reads, not a fault of one message',
  'TC-DECL-2': 'an advisory share of the reconciler’s decisions, not a fault of one message',
  'TC-OUT-1': 'the reconciler’s outcome over the whole exchange, not a fault of one message',
};

const DIRECTIONS: readonly Direction[] = ['EXIT', 'ENTRY'];
/** Every camera of the registry with the side of the post it watches. */
const CAMERA_SIDES = new Map(
  CROSSING_POINTS.flatMap((point) =>
    COUNTRIES.flatMap((country) =>
      DIRECTIONS.flatMap((d) =>
        camerasOf(country, point, d).map((id) => [id, { country, point }] as const),
      ),
    ),
  ),
);

/** What of the scenario a violation is checked against; a field that failed is undefined. */
export interface ScenarioBounds {
  start?: number;
  durationMinutes?: number;
  crossingPoints?: readonly string[];
}

/** A definition's `violations` list, every entry checked, its problems recorded in `f`. */
export function parseViolations(f: Fields, scenario: ScenarioBounds): Violation[] {
  return f
    .list('violations')
    .map((item, i) =>
      f.try(() => parseViolation(Fields.of(f.problems, `violations[${i}]`, item), scenario)),
    );
}

function parseViolation(f: Fields, s: ScenarioBounds): Violation {
  // Without a condition the other fields mean nothing: the entry stops here.
  const condition = readCondition(f);
  const placed = {
    feed: f.try(() => readFeed(f, condition, s)),
    ...window(f),
  };
  checkWindow(f, condition, placed, s);
  const count = KINDS[condition].counted ? f.try(() => readCount(f)) : 0;
  const violation = withAmounts(f, condition, { ...placed, count }, s);
  f.raw('note');
  f.done();
  return violation;
}

function readCondition(f: Fields): InjectableCondition {
  const id = f.string('condition');
  const why = Object.hasOwn(NOT_INJECTABLE, id) ? NOT_INJECTABLE[id] : undefined;
  if (why) f.fail('condition', `${id} cannot be injected: ${why}`);
  return f.oneOf('condition', INJECTABLE_CONDITIONS);
}

type Counted = { feed: FeedRef; from: number; to: number; count: number };

/** The condition's own fields on top of feed, window and count. */
function withAmounts(
  f: Fields,
  condition: InjectableCondition,
  c: Counted,
  s: ScenarioBounds,
): Violation {
  const t = <T>(read: () => T): T => f.try(read);
  switch (condition) {
    case 'TC-FIELD-1':
    case 'TC-FIELD-2':
    case 'TC-FIELD-3':
    case 'TC-FIELD-4':
    case 'TC-FEED-2':
    case 'TC-FEED-4':
      return { condition, ...c };
    case 'TC-FIELD-5':
      return { condition, ...c, aheadSeconds: t(() => readAhead(f)) };
    case 'TC-TIME-1':
    case 'TC-TIME-2':
      return { condition, ...c, lateMinutes: t(() => readLate(f, c, s)) };
    case 'TC-FEED-1':
      return { condition, ...c, fault: t(() => f.oneOf('fault', ['gap', 'repeat'] as const)) };
    case 'TC-FEED-3':
      return { condition, feed: c.feed, from: c.from, to: c.to };
    case 'TC-FEED-5':
      return {
        condition,
        ...c,
        field: t(() => f.oneOf('field', ['upTo', 'deliveredAt'] as const)),
        stepBackSeconds: t(() => f.number('stepBackSeconds', { min: 1, max: 30, fallback: 5 })),
      };
    case 'TC-DECL-1':
      return {
        condition,
        ...c,
        releasedBeforeMinutes: t(() => f.number('releasedBeforeMinutes', { min: 1, fallback: 60 })),
      };
    default: {
      const unreachable: never = condition;
      throw new Error(`unknown condition ${String(unreachable)}`);
    }
  }
}

/** `cameraId`, or `country` and `crossingPoint`, as the condition allows; its post has traffic. */
function readFeed(f: Fields, condition: InjectableCondition, s: ScenarioBounds): FeedRef {
  const kinds = KINDS[condition].feeds;
  const camera = kinds.includes('camera') && (f.has('cameraId') || !kinds.includes('declarations'));
  if (camera) {
    for (const key of ['country', 'crossingPoint'])
      if (kinds.includes('declarations') && f.has(key))
        f.fail(key, 'not with cameraId: a violation is injected into one feed');
    const cameraId = f.camera('cameraId');
    const { country, point } = CAMERA_SIDES.get(cameraId)!;
    checkPost(f, 'cameraId', point.id, s);
    return { kind: 'camera', cameraId, country, crossingPoint: point.id };
  }
  if (!f.has('country') && !f.has('crossingPoint') && kinds.includes('camera'))
    f.fail(
      'cameraId',
      'missing: name a camera (cameraId) or a declaration feed (country and crossingPoint)',
    );
  const country = f.try(() => f.oneOf<Country>('country', COUNTRIES));
  const crossingPoint = f.crossingPoint('crossingPoint');
  checkPost(f, 'crossingPoint', crossingPoint, s);
  return { kind: 'declarations', country, crossingPoint };
}

function checkPost(f: Fields, key: string, pointId: string, s: ScenarioBounds): void {
  if (s.crossingPoints && !s.crossingPoints.includes(pointId))
    f.fail(key, `${pointId} has no traffic in this scenario (crossingPoints)`);
}

function readCount(f: Fields): number {
  const count = f.number('count', { min: 1, fallback: 1 });
  if (!Number.isInteger(count)) f.fail('count', 'must be a whole number');
  return count;
}

function readAhead(f: Fields): number {
  const ahead = f.number('aheadSeconds', { fallback: 600 });
  const limit = CONDITION_LIMITS.maxAheadOfDeliverySeconds;
  if (ahead <= limit)
    f.fail('aheadSeconds', `must be more than ${limit}, the clock-skew allowance of TC-FIELD-5`);
  return ahead;
}

function readLate(f: Fields, c: Counted, s: ScenarioBounds): number {
  const late = f.number('lateMinutes', { fallback: 20 });
  const limit = CONDITION_LIMITS.deadlineMinutes;
  if (late <= limit) f.fail('lateMinutes', `must be more than ${limit}, the delivery deadline`);
  const end = scenarioEnd(s);
  if (end !== undefined && c.to + late * 60_000 > end)
    f.fail(
      'lateMinutes',
      "to + lateMinutes is after the scenario end: a message delivered then would come after every feed's last heartbeat",
    );
  return late;
}

/** What some conditions' windows need of the scenario (`from`, `to` undefined if they failed). */
function checkWindow(
  f: Fields,
  condition: InjectableCondition,
  w: { from: number; to: number },
  s: ScenarioBounds,
): void {
  const heartbeats = ['TC-FEED-1', 'TC-FEED-3', 'TC-FEED-4', 'TC-FEED-5'].includes(condition);
  if (heartbeats && s.start !== undefined && w.from < s.start)
    f.try(() =>
      f.fail('from', "must be at or after the scenario start: the feeds' heartbeats start there"),
    );
  if (condition !== 'TC-FEED-3') return;
  if (s.start !== undefined && w.from === s.start)
    f.try(() =>
      f.fail(
        'from',
        "must be after the scenario start: a feed's silence counts from its first heartbeat",
      ),
    );
  const least = CONDITION_LIMITS.maxSilenceSeconds;
  if (w.to - w.from < least * 1000)
    f.try(() =>
      f.fail('to', `must be at least ${least} s after from, the longest silence TC-FEED-3 allows`),
    );
}

function scenarioEnd(s: ScenarioBounds): number | undefined {
  return s.start === undefined || s.durationMinutes === undefined
    ? undefined
    : s.start + s.durationMinutes * 60_000;
}
