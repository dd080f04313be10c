import { exitCountryOf, type PlateMatcher } from './plate.matcher';
import { insertDeadline } from './deadline-queue';
import { type PartitionState, type PendingRead } from './partition-state';
import { type MatchingConfig } from './matching.config';
import { crossingPoint, otherCountry } from '../posts/border-posts.registry';

/** Queue key: the crossing point and the country whose watermark makes the deadline pass. */
export const queueKey = (crossingPointId: string, watchedCountry: string) =>
  `${crossingPointId}|${watchedCountry}`;

function scheduleDeadline(state: PartitionState, read: PendingRead, config: MatchingConfig): void {
  const watched = otherCountry(read.country);
  let queue = state.deadlines.get(queueKey(read.crossingPoint, watched));
  if (!queue) {
    queue = [];
    state.deadlines.set(queueKey(read.crossingPoint, watched), queue);
  }
  if (read.direction === 'ENTRY') {
    // No exit captured after this entry (plus skew) can pair with it, so once the exit side vouches for that time, drop it.
    insertDeadline(queue, {
      deadline: read.captureTime + config.clockSkewMs,
      eventId: read.eventId,
      kind: 'expire',
    });
  } else if (read.overdueAlarmId === null) {
    const window = crossingPoint(read.crossingPoint).transit[exitCountryOf(read)];
    insertDeadline(queue, {
      deadline: windowEnd(read, window.maxMinutes, config),
      eventId: read.eventId,
      kind: 'overdue',
    });
  } else {
    insertDeadline(queue, {
      deadline: read.captureTime + config.retentionMs,
      eventId: read.eventId,
      kind: 'expire',
    });
  }
}

export function windowEnd(exit: PendingRead, maxMinutes: number, config: MatchingConfig): number {
  return exit.captureTime + maxMinutes * 60_000 + config.clockSkewMs;
}

export function addPending(
  state: PartitionState,
  read: PendingRead,
  matcher: PlateMatcher,
  config: MatchingConfig,
): void {
  state.pending.set(read.eventId, read);
  state.dirty.pending.add(read.eventId);
  for (const key of matcher.keysOf(read)) {
    let ids = state.byKey.get(key);
    if (!ids) {
      ids = new Set();
      state.byKey.set(key, ids);
    }
    ids.add(read.eventId);
  }
  scheduleDeadline(state, read, config);
}

/** Deadlines of a removed read stay queued and are skipped when they fall due. */
export function removePending(
  state: PartitionState,
  read: PendingRead,
  matcher: PlateMatcher,
): void {
  state.pending.delete(read.eventId);
  state.dirty.pending.add(read.eventId);
  for (const key of matcher.keysOf(read)) {
    const ids = state.byKey.get(key);
    ids?.delete(read.eventId);
    if (ids?.size === 0) state.byKey.delete(key);
  }
}

export function markOverdue(
  state: PartitionState,
  read: PendingRead,
  alarmId: string,
  config: MatchingConfig,
): void {
  read.overdueAlarmId = alarmId;
  state.dirty.pending.add(read.eventId);
  scheduleDeadline(state, read, config);
}

/** Rebuilds the derived indexes after the persisted maps were loaded. */
export function rebuildIndexes(
  state: PartitionState,
  matcher: PlateMatcher,
  config: MatchingConfig,
): void {
  state.byKey.clear();
  state.deadlines.clear();
  const reads = [...state.pending.values()];
  state.pending.clear();
  for (const read of reads) addPending(state, read, matcher, config);
  state.dirty.pending.clear();
}
