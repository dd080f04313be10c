import {
  type CrossingDiscrepancy,
  type CrossingMatched,
  type CrossingOverdue,
  type OutputEvent,
} from '@uamd/domain';
import { type TruthTrip } from '@uamd/traffic';
import { scoreDiscrepancies, type DiscrepancyScore } from './discrepancy-score';
import { scoreMatches, scoreOverdue, type MatchScore, type OverdueScore } from './match-score';

export interface Scores {
  matches: MatchScore;
  overdue: OverdueScore;
  discrepancies: DiscrepancyScore;
}

/**
 * Scores one set of reconciler outputs against the truth: `{ type, ...fields }` lines as
 * `crossings.jsonl` holds them. `observedUntil` is the scenario end (deadlines after it cannot
 * have passed).
 */
export function scoreOutputs(
  truth: readonly TruthTrip[],
  outputs: ReadonlyArray<{ type: string }>,
  observedUntil = Infinity,
): Scores {
  const of = <T>(type: OutputEvent['type']) => outputs.filter((o) => o.type === type) as T[];
  return {
    matches: scoreMatches(truth, of<CrossingMatched>('CrossingMatched')),
    overdue: scoreOverdue(truth, of<CrossingOverdue>('CrossingOverdue')),
    discrepancies: scoreDiscrepancies(
      truth,
      of<CrossingDiscrepancy>('CrossingDiscrepancy'),
      observedUntil,
    ),
  };
}

/** Domain outputs as the flat `{ type, ...fields }` lines `scoreOutputs` reads. */
export const flattenOutputs = (outputs: readonly OutputEvent[]) =>
  outputs.map((o) => ({ type: o.type, ...o.data }));
