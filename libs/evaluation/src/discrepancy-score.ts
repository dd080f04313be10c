import {
  DEFAULT_DECLARATION_CHECKS,
  DEFAULT_MATCHING_CONFIG,
  type CrossingDiscrepancy,
  type DiscrepancyReason,
} from '@uamd/domain';
import { type TruthTrip } from '@uamd/traffic';

export const SCORED_REASONS: readonly DiscrepancyReason[] = [
  'GOODS_NOT_DECLARED_ON_ENTRY',
  'PLATE_MISMATCH',
  'GROSS_MASS_MISMATCH',
  'HS_CODE_MISMATCH',
  'DECLARED_AFTER_CROSSING',
];

export interface ReasonScore {
  /** Trips with this discrepancy injected where it could be observed (see `scoreDiscrepancies`). */
  injected: number;
  /** Distinct discrepancies of this reason the reconciler reported. */
  found: number;
  /** Reported ones that point at a trip with this reason injected (first per trip only). */
  true: number;
  false: number;
}

export type DiscrepancyScore = Record<DiscrepancyReason, ReasonScore>;

/** The event ids of a trip the reconciler could cite: its reads and its declarations. */
function sourceIdsOf(trip: TruthTrip): string[] {
  const d = trip.declarations;
  return [
    ...trip.exitEventIds,
    ...trip.entryEventIds,
    ...(d?.exportEventId ? [d.exportEventId] : []),
    ...(d?.importEventId ? [d.importEventId] : []),
  ];
}

/** Reasons seen by comparing the two declarations of one MRN alone, without any camera read. */
const BETWEEN_DECLARATIONS: ReadonlySet<DiscrepancyReason> = new Set([
  'GROSS_MASS_MISMATCH',
  'HS_CODE_MISMATCH',
]);

/**
 * Whether a discrepancy injected into a trip's paperwork can be seen in the exchanged data at
 * all. Every reason needs the export declaration published. GROSS_MASS_MISMATCH and
 * HS_CODE_MISMATCH compare the two declarations, so they need the import declaration and
 * nothing else; the others concern the crossing, so they need an exit read and an entry read,
 * and all but GOODS_NOT_DECLARED_ON_ENTRY the import declaration too (absent when lodged after
 * the scenario end). Missing goods on entry near the scenario end may still be undecidable for
 * the reconciler, which cannot know that no import will follow.
 */
export function isObservable(
  trip: TruthTrip,
  reason: DiscrepancyReason,
  observedUntil = Infinity,
): boolean {
  const d = trip.declarations;
  if (!d?.injected.includes(reason) || d.exportEventId === null) return false;
  if (BETWEEN_DECLARATIONS.has(reason)) return d.importEventId !== null;
  if (trip.exitEventIds.length === 0 || trip.entryEventIds.length === 0) return false;
  if (reason === 'GOODS_NOT_DECLARED_ON_ENTRY')
    // Decidable only once the import's grace after the entry has passed inside the scenario.
    return (
      trip.entryCaptureTime !== null &&
      trip.entryCaptureTime +
        DEFAULT_DECLARATION_CHECKS.importGraceMs +
        DEFAULT_MATCHING_CONFIG.clockSkewMs <=
        observedUntil
    );
  return d.importEventId !== null;
}

/**
 * Discrepancies found vs injected, per reason. A reported `CrossingDiscrepancy` is true when a
 * trip with that reason injected has one of its read or declaration ids among the report's
 * `sourceEventIds`; a second report of the same reason for the same trip is false, like a
 * second crossing for one vehicle. `injected` counts only trips where the discrepancy is
 * observable (`isObservable`), so recall is `true / injected`; a report may still be true for
 * an unobservable one (e.g. an inferred missing import).
 */
export function scoreDiscrepancies(
  truth: readonly TruthTrip[],
  discrepancies: ReadonlyArray<
    Pick<CrossingDiscrepancy, 'reason' | 'sourceEventIds'> & { discrepancyId?: string }
  >,
  /** End of the observed period (the scenario end): later deadlines cannot have passed. */
  observedUntil = Infinity,
): DiscrepancyScore {
  const score = Object.fromEntries(
    SCORED_REASONS.map((r) => [r, { injected: 0, found: 0, true: 0, false: 0 }]),
  ) as DiscrepancyScore;
  // Trips with each reason injected, by every id they could be cited by.
  const byId = new Map<string, TruthTrip[]>();
  for (const trip of truth) {
    const injected = trip.declarations?.injected ?? [];
    if (injected.length === 0) continue;
    for (const reason of injected)
      if (isObservable(trip, reason, observedUntil)) score[reason].injected += 1;
    for (const id of sourceIdsOf(trip)) byId.set(id, [...(byId.get(id) ?? []), trip]);
  }
  const seen = new Set<string>();
  const credited = new Set<string>();
  for (const d of discrepancies) {
    const key = d.discrepancyId ?? `${d.reason}\u0000${[...d.sourceEventIds].sort().join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const reasonScore = score[d.reason];
    if (!reasonScore) continue;
    reasonScore.found += 1;
    const creditKey = d.sourceEventIds
      .flatMap((id) => byId.get(id) ?? [])
      .filter((t) => t.declarations!.injected.includes(d.reason))
      .map((t) => `${t.tripId}\u0000${d.reason}`)
      .find((k) => !credited.has(k));
    if (creditKey) {
      credited.add(creditKey);
      reasonScore.true += 1;
    } else reasonScore.false += 1;
  }
  return score;
}
