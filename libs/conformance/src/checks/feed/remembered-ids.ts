/**
 * Keys with the time each was first seen, forgotten oldest first. A Map alone keeps insertion
 * order, but taking its oldest entry again and again walks past every entry deleted before it
 * until V8 compacts the table: a queue of the keys beside it makes forgetting the oldest O(1).
 */
export class RememberedIds {
  private readonly at = new Map<string, number>();
  private keys: string[] = [];
  private head = 0;

  get size(): number {
    return this.at.size;
  }

  get(key: string): number | undefined {
    return this.at.get(key);
  }

  /** A key not remembered yet, seen at `at` (not before the last one added). */
  add(key: string, at: number): void {
    this.at.set(key, at);
    this.keys.push(key);
  }

  /** The oldest key and its time, forgotten; undefined when none is left. */
  forgetOldest(): { key: string; at: number } | undefined {
    while (this.head < this.keys.length) {
      const key = this.keys[this.head++]!;
      const at = this.at.get(key);
      this.compact();
      if (at === undefined) continue;
      this.at.delete(key);
      return { key, at };
    }
    return undefined;
  }

  /** Forgets every key seen before `cutoff`. */
  forgetBefore(cutoff: number): void {
    while (this.head < this.keys.length) {
      const key = this.keys[this.head]!;
      const at = this.at.get(key);
      if (at !== undefined && at >= cutoff) return;
      this.head += 1;
      this.at.delete(key);
      this.compact();
    }
  }

  private compact(): void {
    if (this.head === this.keys.length) {
      this.keys = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.keys.length) {
      this.keys = this.keys.slice(this.head);
      this.head = 0;
    }
  }
}
