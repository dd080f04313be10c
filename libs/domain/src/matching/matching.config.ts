export interface MatchingConfig {
  /** How far the two countries' camera clocks may disagree (DESIGN.md §3). */
  clockSkewMs: number;
  /** A side whose watermark lags the other side's by more than this is a stale feed. */
  staleAfterMs: number;
  /** How long (event time) matched ids and overdue exits are kept for dedupe and late entries. */
  retentionMs: number;
}

export const DEFAULT_MATCHING_CONFIG: MatchingConfig = {
  clockSkewMs: 3 * 60_000,
  staleAfterMs: 10 * 60_000,
  retentionMs: 24 * 60 * 60_000,
};
