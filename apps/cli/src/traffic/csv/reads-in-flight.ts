/**
 * What one camera's synthesised heartbeats must not vouch for: at each heartbeat time `at`, the
 * earliest capture among the camera's reads delivered after `at` (a heartbeat's upTo stays below
 * it, docs/design.md §3). Built in one pass over the reads in delivery order, asked in a later
 * pass in increasing `at`. Kept as a stack of (delivered by, earliest capture) steps, captures
 * rising: a read captured earlier than the steps above it replaces them, and a read that is
 * delivered before the first heartbeat at or after its capture can never hold one back and is
 * not kept. So what is held is one step per heartbeat time some read is in flight over, never
 * more than the heartbeats, and nothing for a camera that delivers promptly.
 */
export class ReadsInFlight {
  /** Step i holds for `at` in [ends[i-1], ends[i]): the earliest capture delivered after `at`. */
  private readonly ends: number[] = [];
  private readonly captures: number[] = [];
  private asked = 0;

  /** `gridStart`: the first heartbeat time; heartbeats come every `intervalMs` from it. */
  constructor(
    private readonly gridStart: number,
    private readonly intervalMs: number,
  ) {}

  /** A read, in delivery order. */
  add(deliverAt: number, captureTime: number): void {
    while (this.captures.length > 0 && this.captures[this.captures.length - 1]! >= captureTime) {
      this.captures.pop();
      this.ends.pop();
    }
    const from = Math.max(this.ends[this.ends.length - 1] ?? this.gridStart, captureTime);
    const firstBeat =
      this.gridStart +
      Math.max(0, Math.ceil((from - this.gridStart) / this.intervalMs)) * this.intervalMs;
    if (firstBeat >= deliverAt) return;
    this.ends.push(deliverAt);
    this.captures.push(captureTime);
  }

  /** The earliest capture among the reads delivered after `at`; asked in increasing `at`. */
  earliestAfter(at: number): number {
    while (this.asked < this.ends.length && this.ends[this.asked]! <= at) this.asked++;
    return this.asked < this.ends.length ? this.captures[this.asked]! : Infinity;
  }

  /** Steps held (for tests of the bound). */
  get size(): number {
    return this.ends.length;
  }
}
