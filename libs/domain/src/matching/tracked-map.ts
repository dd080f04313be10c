/**
 * A Map that records which keys were put or deleted since the last `takeChanges`, so the
 * partition state tells the store exactly what to write (docs/style.md item 18) without every
 * domain function marking its changes by hand. A value mutated in place is marked with `touch`.
 */
export class TrackedMap<K, V> extends Map<K, V> {
  private changed = new Set<K>();

  override set(key: K, value: V): this {
    // Map's constructor calls set before this class's fields exist.
    this.changed?.add(key);
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.changed.add(key);
    return super.delete(key);
  }

  /** The value under `key` was changed in place: persist it again. */
  touch(key: K): void {
    this.changed.add(key);
  }

  /** Keys changed since the last call, each with its value now (undefined: deleted). */
  takeChanges(): Array<[K, V | undefined]> {
    const out: Array<[K, V | undefined]> = [];
    for (const key of this.changed) out.push([key, super.get(key)]);
    this.changed = new Set();
    return out;
  }

  /** Puts without recording a change: loading what is already persisted. */
  load(key: K, value: V): void {
    super.set(key, value);
  }
}
