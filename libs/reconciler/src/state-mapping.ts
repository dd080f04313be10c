import {
  newPendingRead,
  initialState,
  PERSISTED_COLLECTIONS,
  rebuildIndexes,
  type PersistedCollection,
  type TrackedMap,
  type MatchingConfig,
  type PartitionState,
  type PendingRead,
  type PlateMatcher,
  type StaleAlarm,
  type DeclarationCase,
} from '@uamd/domain';
import {
  type BatchCommit,
  type ClaimedPartition,
  type CollectionChanges,
  type OutboxBatch,
} from '@uamd/state-store';

type StoredRead = [
  PendingRead['country'],
  string,
  PendingRead['direction'],
  string,
  string,
  number,
  PendingRead['category'],
  number,
  string | null,
  string,
  string | null,
  number,
  string | null,
  0 | 1,
  [string, string, number, number] | null,
];

/** Pending reads are stored as compact arrays (the event id is the hash field): they are most of what a batch writes. */
function storeRead(r: PendingRead): string {
  const stored: StoredRead = [
    r.country,
    r.crossingPoint,
    r.direction,
    r.plate,
    r.plateText,
    r.captureTime,
    r.category,
    r.lastInputAt,
    r.overdueAlarmId,
    r.cameraId,
    r.nationality,
    r.confidence,
    r.crossingId,
    r.deferred ? 1 : 0,
    r.entry ? [r.entry.eventId, r.entry.plate, r.entry.confidence, r.entry.captureTime] : null,
  ];
  return JSON.stringify(stored);
}

function loadRead(eventId: string, json: string): PendingRead {
  const [
    country,
    crossingPoint,
    direction,
    plate,
    plateText,
    captureTime,
    category,
    lastInputAt,
    overdueAlarmId,
    cameraId,
    nationality,
    confidence,
    crossingId,
    deferred,
    entry,
  ] = JSON.parse(json) as StoredRead;
  return newPendingRead({
    eventId,
    country,
    crossingPoint,
    direction,
    plate,
    plateText,
    captureTime,
    category,
    cameraId,
    nationality,
    confidence,
    lastInputAt,
    overdueAlarmId,
    crossingId,
    deferred: deferred === 1,
    entry: entry
      ? { eventId: entry[0], plate: entry[1], confidence: entry[2], captureTime: entry[3] }
      : null,
  });
}

/** How each persisted collection of the partition state is stored: the one table to extend. */
const CODECS = {
  pending: { encode: storeRead, decode: loadRead },
  done: { encode: String, decode: (_: string, raw: string) => Number(raw) },
  cameras: { encode: String, decode: (_: string, raw: string) => Number(raw) },
  staleAlarms: {
    encode: (a: StaleAlarm) => JSON.stringify(a),
    decode: (_: string, raw: string) => JSON.parse(raw) as StaleAlarm,
  },
  cases: {
    encode: (c: DeclarationCase) => JSON.stringify(c),
    decode: (_: string, raw: string) => JSON.parse(raw) as DeclarationCase,
  },
} satisfies {
  [C in PersistedCollection]: {
    encode: (value: CollectionValue<C>) => string;
    decode: (key: string, raw: string) => CollectionValue<C>;
  };
};

type CollectionValue<C extends PersistedCollection> =
  PartitionState[C] extends Map<string, infer V> ? V : never;

/** The store's name of each collection in a claim and a commit. */
const STORED: Record<PersistedCollection, keyof CollectionChanges> = {
  pending: 'pending',
  done: 'done',
  cameras: 'cameras',
  staleAlarms: 'alarms',
  cases: 'cases',
};

function loadInto<C extends PersistedCollection>(
  state: PartitionState,
  name: C,
  raw: Map<string, string>,
): void {
  const target = state[name] as unknown as TrackedMap<string, CollectionValue<C>>;
  const decode = CODECS[name].decode as (key: string, raw: string) => CollectionValue<C>;
  for (const [key, value] of raw) target.load(key, decode(key, value));
}

function changesOf<C extends PersistedCollection>(
  state: PartitionState,
  name: C,
): { put: Array<[string, string]>; del: string[] } {
  const source = state[name] as unknown as TrackedMap<string, CollectionValue<C>>;
  const encode = CODECS[name].encode as (value: CollectionValue<C>) => string;
  const put: Array<[string, string]> = [];
  const del: string[] = [];
  for (const [key, value] of source.takeChanges()) {
    if (value === undefined) del.push(key);
    else put.push([key, encode(value)]);
  }
  return { put, del };
}

/** Turns the persisted projection back into the domain's in-memory state. */
export function stateFromClaim(
  claimed: ClaimedPartition,
  matcher: PlateMatcher,
  config: MatchingConfig,
): PartitionState {
  const state = initialState();
  for (const name of PERSISTED_COLLECTIONS) loadInto(state, name, claimed[STORED[name]]);
  rebuildIndexes(state, matcher, config);
  return state;
}

/** Exactly what changed since the last commit, plus offsets and outbox, for the one atomic write. */
export function commitFromState(
  state: PartitionState,
  offsets: Array<[string, string]>,
  outboxPut: OutboxBatch | null,
  outboxDel: string[],
): BatchCommit {
  const collections = {} as BatchCommit['collections'];
  for (const name of PERSISTED_COLLECTIONS) collections[STORED[name]] = changesOf(state, name);
  return { offsets, collections, outboxPut, outboxDel };
}
