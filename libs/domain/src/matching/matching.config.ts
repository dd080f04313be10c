import {
  DEFAULT_DECLARATION_CHECKS,
  type DeclarationChecks,
} from '../declarations/declaration-case';

export interface MatchingConfig {
  /** How far the two countries' camera clocks may disagree (docs/design.md §3). */
  clockSkewMs: number;
  /** A side whose watermark lags the other side's by more than this (plus the skew bound) is a stale feed. */
  staleAfterMs: number;
  /** How long (event time) matched ids and overdue exits are kept for dedupe and late entries. */
  retentionMs: number;
  /** A pairing is made at once only when every other assignment of its lookalikes costs this much more. */
  ambiguityMargin: number;
  /** How long (event time, own side) an ambiguous read waits before it takes its best assignment. */
  ambiguityHoldMs: number;
  /** Two reads of one side and direction this close in time (plus clock skew across cameras) with plausible plates are one vehicle. */
  duplicateWindowMs: number;
  /** Cost of leaving a read unpaired in an assignment: above any pairing cost, so as many pairs as possible are made. */
  unmatchedCost: number;
  /** Tolerances of the declaration discrepancy rules. */
  declarations: DeclarationChecks;
}

export const DEFAULT_MATCHING_CONFIG: MatchingConfig = {
  clockSkewMs: 3 * 60_000,
  staleAfterMs: 10 * 60_000,
  retentionMs: 24 * 60 * 60_000,
  ambiguityMargin: 1,
  ambiguityHoldMs: 30 * 60_000,
  duplicateWindowMs: 10_000,
  unmatchedCost: 10,
  declarations: DEFAULT_DECLARATION_CHECKS,
};
