import { exitCountryOf, type PlateMatcher } from './plate.matcher';
import { MAY_CARRY_GOODS } from '../declarations/declaration-case';
import { rebuildCaseIndexes } from '../declarations/declaration-linking';
import { insertDeadline, newDeadlineQueue, queueKey, type DeadlineKind } from './deadline-queue';
import { addToBlock, removeFromBlock } from './block-index';
import { type PartitionState, type PendingRead } from './partition-state';
import { type MatchingConfig } from './matching.config';
import { crossingPoint, otherCountry } from '../posts/border-posts.registry';

export { queueKey };

function schedule(
  state: PartitionState,
  read: PendingRead,
  watched: string,
  deadline: number,
  kind: DeadlineKind,
): void {
  const key = queueKey(read.crossingPoint, watched);
  let queue = state.deadlines.get(key);
  if (!queue) {
    queue = newDeadlineQueue();
    state.deadlines.set(key, queue);
  }
  insertDeadline(queue, { deadline, eventId: read.eventId, kind });
}

/**
 * Queues what must happen to a read when time (a side's heartbeat watermark) passes. A deadline
 * made stale by a later change of the read is checked against the read when it falls due.
 */
function scheduleDeadline(state: PartitionState, read: PendingRead, config: MatchingConfig): void {
  const other = otherCountry(read.country);
  if (read.crossingId !== null) {
    // Matched: kept until its own side vouches that no duplicate read of it can still come, and
    // a vehicle that may carry goods as long as a declaration read late may still need it.
    const keep = Math.max(
      config.duplicateWindowMs + config.clockSkewMs,
      MAY_CARRY_GOODS.has(read.category) ? config.declarations.lateLinkMs : 0,
    );
    schedule(state, read, read.country, read.captureTime + keep, 'expire');
    return;
  }
  if (read.deferred)
    schedule(state, read, read.country, read.captureTime + config.ambiguityHoldMs, 'resolve');
  if (read.direction === 'ENTRY') {
    // No exit captured after this entry (plus skew) can pair with it, so once the exit side vouches for that time, drop it.
    schedule(state, read, other, read.captureTime + config.clockSkewMs, 'expire');
  } else if (read.overdueAlarmId === null) {
    const window = crossingPoint(read.crossingPoint).transit[exitCountryOf(read)];
    schedule(state, read, other, windowEnd(read, window.maxMinutes, config), 'overdue');
  } else {
    schedule(state, read, other, read.captureTime + config.retentionMs, 'expire');
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
  const keys = matcher.keysOf(read);
  for (let k = 0; k < keys.length; k++) addToBlock(state.byKey, keys[k]!, read);
  scheduleDeadline(state, read, config);
}

/** Deadlines of a removed read stay queued and are skipped when they fall due. */
export function removePending(
  state: PartitionState,
  read: PendingRead,
  matcher: PlateMatcher,
): void {
  state.pending.delete(read.eventId);
  const keys = matcher.keysOf(read);
  for (let k = 0; k < keys.length; k++) removeFromBlock(state.byKey, keys[k]!, read);
}

/** The read was matched (an exit is kept a while to absorb duplicates) or is now ambiguous. */
export function updatePending(
  state: PartitionState,
  read: PendingRead,
  config: MatchingConfig,
): void {
  state.pending.touch(read.eventId);
  scheduleDeadline(state, read, config);
}

export function markOverdue(
  state: PartitionState,
  read: PendingRead,
  alarmId: string,
  config: MatchingConfig,
): void {
  read.overdueAlarmId = alarmId;
  state.pending.touch(read.eventId);
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
  rebuildCaseIndexes(state, matcher, config);
  // Re-adding loaded reads changed nothing that is persisted.
  state.pending.takeChanges();
}
