import {
  emptyDirty,
  newPendingRead,
  initialState,
  rebuildIndexes,
  type MatchingConfig,
  type PartitionState,
  type PendingRead,
  type PlateMatcher,
  type StaleAlarm,
  type DeclarationCase,
} from '@uamd/domain';
import { type BatchCommit, type ClaimedPartition, type OutboxBatch } from '@uamd/state-store';

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

/** Turns the persisted projection back into the domain's in-memory state. */
export function stateFromClaim(
  claimed: ClaimedPartition,
  matcher: PlateMatcher,
  config: MatchingConfig,
): PartitionState {
  const state = initialState();
  for (const [id, json] of claimed.pending) state.pending.set(id, loadRead(id, json));
  for (const [id, captureTime] of claimed.done) state.done.set(id, Number(captureTime));
  for (const [cameraId, upTo] of claimed.cameras) state.cameras.set(cameraId, Number(upTo));
  for (const [key, json] of claimed.alarms)
    state.staleAlarms.set(key, JSON.parse(json) as StaleAlarm);
  for (const [mrn, json] of claimed.cases)
    state.cases.set(mrn, JSON.parse(json) as DeclarationCase);
  rebuildIndexes(state, matcher, config);
  state.dirty = emptyDirty();
  return state;
}

/** Exactly what the batch changed, plus offsets and outbox, for the one atomic write. */
export function commitFromState(
  state: PartitionState,
  offsets: Array<[string, string]>,
  outboxPut: OutboxBatch | null,
  outboxDel: string[],
): BatchCommit {
  const commit: BatchCommit = {
    offsets,
    pendingPut: [],
    pendingDel: [],
    donePut: [],
    doneDel: [],
    camerasPut: [],
    alarmsPut: [],
    alarmsDel: [],
    outboxPut,
    outboxDel,
    casesPut: [],
    casesDel: [],
  };
  for (const id of state.dirty.pending) {
    const read = state.pending.get(id);
    if (read) commit.pendingPut.push([id, storeRead(read)]);
    else commit.pendingDel.push(id);
  }
  for (const id of state.dirty.done) {
    const captureTime = state.done.get(id);
    if (captureTime !== undefined) commit.donePut.push([id, String(captureTime)]);
    else commit.doneDel.push(id);
  }
  for (const cameraId of state.dirty.cameras)
    commit.camerasPut.push([cameraId, String(state.cameras.get(cameraId))]);
  for (const key of state.dirty.staleAlarms) {
    const alarm = state.staleAlarms.get(key);
    if (alarm) commit.alarmsPut.push([key, JSON.stringify(alarm)]);
    else commit.alarmsDel.push(key);
  }
  for (const mrn of state.dirty.cases) {
    const c = state.cases.get(mrn);
    if (c) commit.casesPut.push([mrn, JSON.stringify(c)]);
    else commit.casesDel.push(mrn);
  }
  state.dirty = emptyDirty();
  return commit;
}
