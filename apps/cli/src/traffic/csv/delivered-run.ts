/**
 * Most runs of numbers delivered ahead of a missing one, per camera. Past it the highest runs
 * are forgotten: a heartbeat then vouches for less than was delivered, never for more.
 */
export const MAX_RUNS_AHEAD = 1024;

/**
 * A camera's `lastSequence` for its synthesised heartbeats: the end of the gap-free run of
 * numbers delivered so far, from the lowest of the file. Numbers delivered beyond a missing one
 * are kept as a few runs, never as every number, so a month of reads costs what its holes cost.
 */
export class DeliveredRun {
  private last: number;
  /** Disjoint, ascending, all above `last + 1`. */
  private readonly ahead: Array<[number, number]> = [];

  constructor(
    lowest: number,
    private readonly maxRuns = MAX_RUNS_AHEAD,
  ) {
    this.last = lowest - 1;
  }

  get lastSequence(): number {
    return this.last;
  }

  get runsAhead(): number {
    return this.ahead.length;
  }

  deliver(n: number): void {
    if (n <= this.last) return;
    if (n === this.last + 1) {
      this.last = n;
      const first = this.ahead[0];
      if (first && first[0] === this.last + 1) {
        this.last = first[1];
        this.ahead.shift();
      }
      return;
    }
    this.insert(n);
  }

  private insert(n: number): void {
    const runs = this.ahead;
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid]![1] < n) lo = mid + 1;
      else hi = mid;
    }
    // runs[lo] is the first run ending at or after n.
    const at = runs[lo];
    if (at && at[0] <= n) return;
    const before = runs[lo - 1];
    const joinsBefore = before !== undefined && before[1] === n - 1;
    const joinsAfter = at !== undefined && at[0] === n + 1;
    if (joinsBefore && joinsAfter) {
      before[1] = at[1];
      runs.splice(lo, 1);
    } else if (joinsBefore) before[1] = n;
    else if (joinsAfter) at[0] = n;
    else runs.splice(lo, 0, [n, n]);
    if (runs.length > this.maxRuns) runs.pop();
  }
}
