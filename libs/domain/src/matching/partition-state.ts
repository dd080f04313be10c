import { type Country, type Direction, type VehicleCategory } from '../events/input-events';
import { type DeclarationCase, type DeclarationSummary } from '../declarations/declaration-case';
import { type DeadlineQueue } from './deadline-queue';
import { TrackedMap } from './tracked-map';

/** An exit or entry read waiting for its other half. */
export interface PendingRead {
  eventId: string;
  country: Country;
  crossingPoint: string;
  direction: Direction;
  plate: string;
  plateText: string;
  captureTime: number;
  category: VehicleCategory;
  cameraId: string;
  /** Nationality sign as read, null when the camera gave none. */
  nationality: string | null;
  /** OCR confidence 0..1: a less confident read tolerates more edits. */
  confidence: number;
  /** Record timestamp of the read (its delivery time in the log), carried onto the crossing. */
  lastInputAt: number;
  overdueAlarmId: string | null;
  /** Set once the exit is matched: it stays a short while to absorb duplicate reads of the same vehicle. */
  crossingId: string | null;
  /** For a matched exit: its entry, so a declaration read after the match can still be linked. */
  entry: MatchedEntry | null;
  /** Torn between lookalike candidates: waits, for a bounded time, for the read that settles it. */
  deferred: boolean;
  /**
   * The matcher's blocking keys and probable nationality, cached on the read, never persisted
   * (null / undefined until computed). Always present so every read has one object shape.
   */
  derivedKeys: readonly BlockKey[] | null;
  derivedNationality: string | null | undefined;
}

/** A blocking key: a small integer where the matcher can pack one (cheap to hash), else a string. */
export type BlockKey = number | string;

/** What a read is made from; the bookkeeping fields start empty unless given. */
export type PendingReadFields = Omit<
  PendingRead,
  'overdueAlarmId' | 'crossingId' | 'entry' | 'deferred' | 'derivedKeys' | 'derivedNationality'
> &
  Partial<Pick<PendingRead, 'overdueAlarmId' | 'crossingId' | 'entry' | 'deferred'>>;

/**
 * The one constructor of pending reads (new, loaded from Redis, or a declared plate seen as a
 * read): every field written in the same order, so all reads share one object shape and the
 * matcher's property accesses stay monomorphic.
 */
export function newPendingRead(f: PendingReadFields): PendingRead {
  return {
    eventId: f.eventId,
    country: f.country,
    crossingPoint: f.crossingPoint,
    direction: f.direction,
    plate: f.plate,
    plateText: f.plateText,
    captureTime: f.captureTime,
    category: f.category,
    cameraId: f.cameraId,
    nationality: f.nationality,
    confidence: f.confidence,
    lastInputAt: f.lastInputAt,
    overdueAlarmId: f.overdueAlarmId ?? null,
    crossingId: f.crossingId ?? null,
    entry: f.entry ?? null,
    deferred: f.deferred ?? false,
    derivedKeys: null,
    derivedNationality: undefined,
  };
}

export interface MatchedEntry {
  eventId: string;
  plate: string;
  confidence: number;
  captureTime: number;
}

export interface CameraMark {
  cameraId: string;
  upTo: number;
}

export interface StaleAlarm {
  alarmId: string;
  crossingPoint: string;
  country: Country;
  /** The stalled side's watermark when the alarm was raised: recovery needs the side to move past it. */
  staleWatermark?: number;
}

/**
 * Everything the reconciler knows about one partition (a set of crossing points). Mutated in
 * place for speed; the persisted collections are tracked maps that record their own changes,
 * so the caller persists exactly what changed in one write (docs/design.md §4).
 */
export interface PartitionState {
  pending: TrackedMap<string, PendingRead>;
  /** Event id → capture time of reads already matched, to drop redeliveries. */
  done: TrackedMap<string, number>;
  /** Camera and declaration-feed watermarks. */
  cameras: TrackedMap<string, number>;
  staleAlarms: TrackedMap<string, StaleAlarm>;
  /** Declaration cases by MRN, the id both sides' declarations share (docs/domain.md, MRN). */
  cases: TrackedMap<string, DeclarationCase>;
  /** Derived indexes, rebuilt on load, never persisted. */
  /**
   * Block key → the pending reads under it (the objects `pending` holds, so a lookup needs no
   * second hash by id): arrays, as blocks hold one or two reads (a Set each cost far more heap).
   */
  byKey: Map<BlockKey, PendingRead[]>;
  /** Blocking key → MRNs of cases not yet linked to a crossing (arrays, as for `byKey`). */
  casesByKey: Map<BlockKey, string[]>;
  /** The blocking keys of each declaration of those cases, computed once (for one matcher, as `byKey`). */
  declaredKeys: Map<DeclarationSummary, readonly BlockKey[]>;
  /** Per `<crossing point>|<country whose watermark triggers them>`, sorted by deadline. */
  deadlines: Map<string, DeadlineQueue>;
  /** Event time up to which `done` was last pruned (in memory only; pruning is idempotent). */
  prunedUpTo: number;
}

/** The collections that are persisted, by name: the one table the store loops over. */
export const PERSISTED_COLLECTIONS = [
  'pending',
  'done',
  'cameras',
  'staleAlarms',
  'cases',
] as const;
export type PersistedCollection = (typeof PERSISTED_COLLECTIONS)[number];

export function initialState(): PartitionState {
  return {
    pending: new TrackedMap(),
    done: new TrackedMap(),
    cameras: new TrackedMap(),
    staleAlarms: new TrackedMap(),
    cases: new TrackedMap(),
    byKey: new Map(),
    casesByKey: new Map(),
    declaredKeys: new Map(),
    deadlines: new Map(),
    prunedUpTo: -Infinity,
  };
}
