import { areConfusableCodes } from '../plates/anpr-confusions';

/** Prices of the edits that turn one normalised plate read into another. */
export interface EditCosts {
  /** Substituting a character by one of its ANPR confusion class (0/O/D/Q, 8/B, H/K/M/N…). */
  confusable: number;
  /** Substituting any other character. */
  other: number;
  /** A character dropped or inserted by the camera. */
  indel: number;
}

export const DEFAULT_EDIT_COSTS: EditCosts = { confusable: 0.3, other: 1, indel: 0.8 };

// One row buffer reused by every call: the decider is single-threaded and this is its hottest loop.
let previous = new Float64Array(16);
let current = new Float64Array(16);

/**
 * Weighted edit distance between two normalised plates (Levenshtein with ANPR-aware substitution
 * prices). Returns `Infinity` as soon as every path costs more than `limit`, so a bad candidate
 * is dropped after a row or two.
 */
export function plateDistance(
  a: string,
  b: string,
  limit = Infinity,
  costs: EditCosts = DEFAULT_EDIT_COSTS,
): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) * costs.indel > limit) return Infinity;
  if (previous.length <= m) {
    previous = new Float64Array(m + 1);
    current = new Float64Array(m + 1);
  }
  const band = bandOf(limit, costs);
  for (let j = 0; j <= m; j++) previous[j] = j <= band ? j * costs.indel : Infinity;
  for (let i = 1; i <= n; i++) {
    // Only cells within `band` of the diagonal are computed; the two just outside read as Infinity.
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    current[lo - 1] = lo === 1 && i <= band ? i * costs.indel : Infinity;
    if (hi < m) current[hi + 1] = Infinity;
    let rowMin = current[lo - 1]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      const sub = ca === cb ? 0 : areConfusableCodes(ca, cb) ? costs.confusable : costs.other;
      const value = Math.min(
        previous[j - 1]! + sub,
        previous[j]! + costs.indel,
        current[j - 1]! + costs.indel,
      );
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return Infinity;
    const swap = previous;
    previous = current;
    current = swap;
  }
  const result = previous[m]!;
  return result > limit ? Infinity : result;
}

/**
 * How far off the diagonal a cell can be and still cost at most `limit`: a cell `d` off it is
 * reached by no fewer than `d` indels, and costs never fall along a path. So the cells outside
 * can only feed values above the limit, which the function returns as Infinity anyway: the result
 * is the same as over the full matrix, cell for cell inside the band. The factor keeps a cell
 * exactly at the limit inside despite rounding. With a free or negative edit, or a NaN limit, the
 * whole matrix is computed, as before there was a band.
 */
function bandOf(limit: number, costs: EditCosts): number {
  if (!(costs.indel > 0 && costs.confusable >= 0 && costs.other >= 0)) return Infinity;
  const band = Math.floor((limit / costs.indel) * (1 + 1e-9));
  return band >= 0 ? band : Infinity;
}
