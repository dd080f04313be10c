/** A record released by the aligner, with the timestamp it was merged on. */
export interface Aligned<T> {
  input: number;
  item: T;
  /** The record timestamp, raised to the input's latest so far (an input's time never steps back). */
  at: number;
}

interface Queue<T> {
  items: Array<{ item: T; at: number }>;
  head: number;
  /** Merge time of the last record pushed: nothing later on this input can sort before it. */
  last: number;
}

/**
 * Merges the inputs of one partition into the one order the log defines (docs/design.md §3):
 * repeatedly the head with the smallest (timestamp, input rank), each input's own order kept.
 * A head is released only once no input can still deliver something that sorts before it:
 * every other input has a record buffered, or has already shown a later time. So the released
 * order depends only on each input's sequence, never on how the fetches interleave; an input
 * with nothing buffered holds the partition back (its heartbeats keep it moving), as Kafka
 * Streams does for a task's partitions.
 */
export class InputAligner<T> {
  private readonly queues: Array<Queue<T>>;

  constructor(inputs: number) {
    this.queues = Array.from({ length: inputs }, () => ({ items: [], head: 0, last: -Infinity }));
  }

  push(input: number, item: T, timestamp: number): void {
    const queue = this.queues[input]!;
    const at = Math.max(timestamp, queue.last);
    queue.items.push({ item, at });
    queue.last = at;
  }

  /** Records buffered on one input, not yet released. */
  buffered(input: number): number {
    const queue = this.queues[input]!;
    return queue.items.length - queue.head;
  }

  get totalBuffered(): number {
    let total = 0;
    for (let i = 0; i < this.queues.length; i++) total += this.buffered(i);
    return total;
  }

  /** Inputs the merge is waiting on: nothing buffered and not yet past the next head. */
  blockedOn(): number[] {
    const head = this.nextHead();
    if (head === null) return [];
    return this.queues.flatMap((_, j) => (this.canPass(head, j) ? [] : [j]));
  }

  /** Everything that can be released now, in merge order. */
  release(): Array<Aligned<T>> {
    const out: Array<Aligned<T>> = [];
    for (;;) {
      const input = this.nextHead();
      if (input === null) break;
      let free = true;
      for (let j = 0; j < this.queues.length && free; j++) free = this.canPass(input, j);
      if (!free) break;
      const queue = this.queues[input]!;
      const { item, at } = queue.items[queue.head]!;
      queue.head += 1;
      if (queue.head === queue.items.length) {
        queue.items = [];
        queue.head = 0;
      } else if (queue.head > 4096 && queue.head * 2 > queue.items.length) {
        queue.items = queue.items.slice(queue.head);
        queue.head = 0;
      }
      out.push({ input, item, at });
    }
    return out;
  }

  /** The non-empty input whose head sorts first, or null when all are empty. */
  private nextHead(): number | null {
    let best: number | null = null;
    let bestAt = Infinity;
    for (let i = 0; i < this.queues.length; i++) {
      const queue = this.queues[i]!;
      if (queue.head === queue.items.length) continue;
      const at = queue.items[queue.head]!.at;
      if (best === null || at < bestAt) {
        best = i;
        bestAt = at;
      }
    }
    return best;
  }

  /** Whether input `j` can no longer deliver anything that sorts before the head of `input`. */
  private canPass(input: number, j: number): boolean {
    if (j === input) return true;
    const other = this.queues[j]!;
    if (other.head < other.items.length) return true;
    const at = this.queues[input]!.items[this.queues[input]!.head]!.at;
    return at < other.last || (at === other.last && input < j);
  }
}
