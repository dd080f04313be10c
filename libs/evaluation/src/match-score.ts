import { type CrossingMatched, type CrossingOverdue } from '@uamd/domain';
import { type TruthTrip } from '@uamd/traffic';

export interface MatchScore {
  /** Crossings the reconciler reported. */
  predicted: number;
  /** Crossings that really happened and were observed on both sides. */
  expected: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface OverdueScore {
  alarms: number;
  /** Alarms for vehicles that really never entered. */
  true: number;
  false: number;
}

const pairKey = (exitEventId: string, entryEventId: string) =>
  `${exitEventId}\u0000${entryEventId}`;

/** Precision, recall and F1 of matched crossings against the truth (an empty side scores 1, not NaN). */
export function scoreMatches(
  truth: readonly TruthTrip[],
  matched: ReadonlyArray<Pick<CrossingMatched, 'exitEventId' | 'entryEventId'>>,
): MatchScore {
  const expectedPairs = new Set(
    truth.flatMap((t) => (t.entryEventId ? [pairKey(t.exitEventId, t.entryEventId)] : [])),
  );
  const predictedPairs = new Set(matched.map((m) => pairKey(m.exitEventId, m.entryEventId)));
  let truePositives = 0;
  for (const pair of predictedPairs) if (expectedPairs.has(pair)) truePositives += 1;
  const precision = predictedPairs.size === 0 ? 1 : truePositives / predictedPairs.size;
  const recall = expectedPairs.size === 0 ? 1 : truePositives / expectedPairs.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    predicted: predictedPairs.size,
    expected: expectedPairs.size,
    truePositives,
    precision,
    recall,
    f1,
  };
}

/** An overdue alarm is true when the vehicle's trip has no observed entry at all. */
export function scoreOverdue(
  truth: readonly TruthTrip[],
  alarms: ReadonlyArray<Pick<CrossingOverdue, 'exitEventId'>>,
): OverdueScore {
  const neverEntered = new Set(
    truth.filter((t) => t.entryEventId === null).map((t) => t.exitEventId),
  );
  const exitIds = new Set(alarms.map((a) => a.exitEventId));
  let trueAlarms = 0;
  for (const id of exitIds) if (neverEntered.has(id)) trueAlarms += 1;
  return { alarms: exitIds.size, true: trueAlarms, false: exitIds.size - trueAlarms };
}
