import { type Country } from '../events/input-events';
import { crossingPoint, otherCountry } from '../posts/border-posts.registry';
import { type PartitionState, type PendingRead } from './partition-state';

/**
 * Where a crossing is matched: finds the pending read of the other side that pairs with a new
 * read. The noise-tolerant matcher replaces this module behind the same two functions.
 */
export interface PlateMatcher {
  /** Blocking keys under which a pending read is indexed; candidates share at least one. */
  keysOf(read: PendingRead): string[];
  /** The best pending counterpart of `read` inside the transit window, or null. */
  findCounterpart(
    read: PendingRead,
    state: PartitionState,
    clockSkewMs: number,
  ): { match: PendingRead; score: number } | null;
}

export function exitCountryOf(read: PendingRead): Country {
  return read.direction === 'EXIT' ? read.country : otherCountry(read.country);
}

/** Is `entry` a plausible continuation of `exit` in time (exit capture + transit window, widened by clock skew)? */
export function inTransitWindow(
  exit: PendingRead,
  entry: PendingRead,
  clockSkewMs: number,
): boolean {
  const window = crossingPoint(exit.crossingPoint).transit[exit.country];
  const transit = entry.captureTime - exit.captureTime;
  return (
    transit >= window.minMinutes * 60_000 - clockSkewMs &&
    transit <= window.maxMinutes * 60_000 + clockSkewMs
  );
}

/** Exact equality of normalised plates (Cyrillic/Latin folded, separators stripped). */
export const exactPlateMatcher: PlateMatcher = {
  keysOf(read) {
    return [`${read.crossingPoint}|${exitCountryOf(read)}|${read.plate}`];
  },
  findCounterpart(read, state, clockSkewMs) {
    let best: PendingRead | null = null;
    for (const key of this.keysOf(read)) {
      for (const id of state.byKey.get(key) ?? []) {
        const other = state.pending.get(id);
        if (!other || other.direction === read.direction || other.country === read.country)
          continue;
        const [exit, entry] = read.direction === 'EXIT' ? [read, other] : [other, read];
        if (!inTransitWindow(exit, entry, clockSkewMs)) continue;
        // Earliest capture, then id: the same choice whatever order the reads arrived in.
        if (
          !best ||
          other.captureTime < best.captureTime ||
          (other.captureTime === best.captureTime && other.eventId < best.eventId)
        ) {
          best = other;
        }
      }
    }
    return best ? { match: best, score: 1 } : null;
  },
};
