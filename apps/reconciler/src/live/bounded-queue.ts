/** A FIFO of at most `capacity` items: pushing onto a full one drops the oldest (and counts it). */
export class BoundedQueue<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private length = 0;
  /** Items dropped to make room since the last `drain`. */
  private overflowed = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.length;
  }

  push(item: T): void {
    if (this.capacity === 0) {
      this.overflowed += 1;
      return;
    }
    if (this.length === this.capacity) {
      this.items[this.head] = item;
      this.head = (this.head + 1) % this.capacity;
      this.overflowed += 1;
      return;
    }
    this.items[(this.head + this.length) % this.capacity] = item;
    this.length += 1;
  }

  /** Everything queued, oldest first, and how many were dropped since the last drain. */
  drain(): { items: T[]; dropped: number } {
    const items: T[] = [];
    for (let i = 0; i < this.length; i++) {
      const index = (this.head + i) % this.capacity;
      items.push(this.items[index]!);
      this.items[index] = undefined;
    }
    const dropped = this.overflowed;
    this.head = 0;
    this.length = 0;
    this.overflowed = 0;
    return { items, dropped };
  }
}
