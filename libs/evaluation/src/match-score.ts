import { type CrossingMatched, type CrossingOverdue } from '@uamd/domain';
import { type TruthTrip } from '@uamd/traffic';

export interface MatchScore {
  /** Distinct crossings the reconciler reported (a republished one counts once). */
  predicted: number;
  /** Crossings that really happened and were observed on both sides (≥ 1 read each). */
  expected: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface OverdueScore {
  /** Distinct exit reads called overdue. */
  alarms: number;
  /** Alarms for vehicles with no observed entry read (the first alarm per trip only). */
  true: number;
  false: number;
  /** Of the true alarms: vehicles that never entered at all. */
  trueNoShows: number;
  /** Of the true alarms: vehicles that entered but no entry read was observed (camera missed it, or after the end). */
  trueUnobservedEntries: number;
}

const pairKey = (exitEventId: string, entryEventId: string) =>
  `${exitEventId}\u0000${entryEventId}`;

/** The trip each observed read belongs to. */
export function tripsByReadId(
  truth: readonly TruthTrip[],
): Map<string, { trip: TruthTrip; direction: 'EXIT' | 'ENTRY' }> {
  const byId = new Map<string, { trip: TruthTrip; direction: 'EXIT' | 'ENTRY' }>();
  for (const trip of truth) {
    for (const id of trip.exitEventIds) byId.set(id, { trip, direction: 'EXIT' });
    for (const id of trip.entryEventIds) byId.set(id, { trip, direction: 'ENTRY' });
  }
  return byId;
}

/**
 * Precision, recall and F1 of matched crossings against the truth (an empty side scores 1, not
 * NaN). A reported pair is right when its exit read and its entry read both belong to the same
 * trip, whichever of that trip's duplicate reads they are; a second pair for a trip already
 * credited is wrong (one vehicle, one crossing: issue 4 item 6).
 */
export function scoreMatches(
  truth: readonly TruthTrip[],
  matched: ReadonlyArray<Pick<CrossingMatched, 'exitEventId' | 'entryEventId'>>,
): MatchScore {
  const byId = tripsByReadId(truth);
  const expected = truth.filter(
    (t) => t.exitEventIds.length > 0 && t.entryEventIds.length > 0,
  ).length;
  const seenPairs = new Set<string>();
  const credited = new Set<string>();
  let truePositives = 0;
  for (const m of matched) {
    const key = pairKey(m.exitEventId, m.entryEventId);
    if (seenPairs.has(key)) continue;
    seenPairs.add(key);
    const exit = byId.get(m.exitEventId);
    const entry = byId.get(m.entryEventId);
    if (
      exit?.direction === 'EXIT' &&
      entry?.direction === 'ENTRY' &&
      exit.trip === entry.trip &&
      !credited.has(exit.trip.tripId)
    ) {
      credited.add(exit.trip.tripId);
      truePositives += 1;
    }
  }
  const predicted = seenPairs.size;
  const precision = predicted === 0 ? 1 : truePositives / predicted;
  const recall = expected === 0 ? 1 : truePositives / expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { predicted, expected, truePositives, precision, recall, f1 };
}

/**
 * An overdue alarm is true when its exit read belongs to a trip with no observed entry read: a
 * no-show, or a vehicle whose entry the camera missed or that entered after the scenario end
 * (the reconciler cannot tell these apart, nor should it). A second alarm for the same trip
 * (on a duplicate exit read) is false.
 */
export function scoreOverdue(
  truth: readonly TruthTrip[],
  alarms: ReadonlyArray<Pick<CrossingOverdue, 'exitEventId'>>,
): OverdueScore {
  const byId = tripsByReadId(truth);
  const exitIds = new Set(alarms.map((a) => a.exitEventId));
  const credited = new Set<string>();
  let trueNoShows = 0;
  let trueUnobservedEntries = 0;
  for (const id of exitIds) {
    const found = byId.get(id);
    if (found?.direction !== 'EXIT' || found.trip.entryEventIds.length > 0) continue;
    if (credited.has(found.trip.tripId)) continue;
    credited.add(found.trip.tripId);
    if (found.trip.noShow) trueNoShows += 1;
    else trueUnobservedEntries += 1;
  }
  const trueAlarms = trueNoShows + trueUnobservedEntries;
  return {
    alarms: exitIds.size,
    true: trueAlarms,
    false: exitIds.size - trueAlarms,
    trueNoShows,
    trueUnobservedEntries,
  };
}
