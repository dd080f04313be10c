/** A run of sequence numbers, both ends included. */
export type SequenceRun = readonly [from: number, to: number];

/**
 * Most runs of outstanding numbers kept per camera. A healthy camera has one run per read still
 * on its way (late deliveries); past the bound, the feed is broken anyway and the oldest runs are
 * forgotten, so memory stays bounded whatever a partner sends.
 */
export const MAX_OUTSTANDING_RUNS = 1024;

/**
 * The sequence numbers of one camera that are known of but not delivered: those skipped below
 * the highest delivered (a late read still on its way, or a gap), and those a heartbeat vouched
 * for without their read. Kept as a few runs, never as every number delivered, so a month-long
 * feed costs what its holes cost. Numbers below the lowest known are unknown (delivered before
 * the source began, or forgotten) and are taken as new.
 */
export class OutstandingSequences {
  private lowest: number | null = null;
  /** One above the highest number known of. */
  private next = 0;
  /** Disjoint, ascending, within [lowest, next). */
  private runs: Array<[number, number]> = [];

  constructor(private readonly maxRuns = MAX_OUTSTANDING_RUNS) {}

  /** A read's number is delivered: true when it is new, false when it was delivered before. */
  deliver(n: number): boolean {
    if (this.lowest === null) {
      this.lowest = n;
      this.next = n + 1;
      return true;
    }
    if (n >= this.next) {
      this.extendUpTo(n - 1);
      this.next = n + 1;
      return true;
    }
    if (n < this.lowest) {
      this.extendDownTo(n + 1);
      this.lowest = n;
      return true;
    }
    const i = this.runIndexOf(n);
    if (i < 0) return false;
    const [from, to] = this.runs[i]!;
    const rest: Array<[number, number]> = [];
    if (from < n) rest.push([from, n - 1]);
    if (n < to) rest.push([n + 1, to]);
    this.runs.splice(i, 1, ...rest);
    this.trim();
    return true;
  }

  /**
   * The runs within [from, to] not delivered, for a heartbeat that vouches for them. Numbers in
   * it never heard of become outstanding too, so their late delivery is not taken for a repeat.
   */
  outstandingIn(from: number, to: number): SequenceRun[] {
    if (from > to) return [];
    if (this.lowest === null) {
      this.lowest = from;
      this.next = from;
    }
    if (from < this.lowest) {
      this.extendDownTo(from);
      this.lowest = from;
    }
    if (to >= this.next) {
      this.extendUpTo(to);
      this.next = to + 1;
    }
    const out: SequenceRun[] = [];
    for (const [a, b] of this.runs) {
      if (b < from) continue;
      if (a > to) break;
      out.push([Math.max(a, from), Math.min(b, to)]);
    }
    this.trim();
    return out;
  }

  /** How many runs are kept (for tests of the bound). */
  get runCount(): number {
    return this.runs.length;
  }

  /** [next, upTo] becomes outstanding, joined to the last run when they touch. */
  private extendUpTo(upTo: number): void {
    if (upTo < this.next) return;
    const last = this.runs[this.runs.length - 1];
    if (last && last[1] === this.next - 1) last[1] = upTo;
    else this.runs.push([this.next, upTo]);
    this.trim();
  }

  /** [downTo, lowest - 1] becomes outstanding, joined to the first run when they touch. */
  private extendDownTo(downTo: number): void {
    const lowest = this.lowest!;
    if (downTo > lowest - 1) return;
    const first = this.runs[0];
    if (first && first[0] === lowest) first[0] = downTo;
    else this.runs.unshift([downTo, lowest - 1]);
    this.trim();
  }

  private runIndexOf(n: number): number {
    let lo = 0;
    let hi = this.runs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [a, b] = this.runs[mid]!;
      if (n < a) hi = mid - 1;
      else if (n > b) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  private trim(): void {
    while (this.runs.length > this.maxRuns) {
      const [, to] = this.runs.shift()!;
      this.lowest = to + 1;
    }
  }
}
