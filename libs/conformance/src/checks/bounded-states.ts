/**
 * Keys outside the registry a check keeps state for: a partner testing a camera not registered
 * yet is still judged, while a feed naming a new camera on every message (a million of them)
 * costs no more than this many.
 */
export const MAX_UNKNOWN_KEYS = 64;
/** A key outside the registry longer than this is never kept (registry keys are a few characters). */
export const MAX_UNKNOWN_KEY_CHARS = 100;

/**
 * A check's state per key (camera, feed, post, partition) in bounded memory whatever keys a
 * partner sends: every key the registry knows is kept, and the first `MAX_UNKNOWN_KEYS` others
 * (short ones only); messages of further keys are counted, not judged on that state, and the
 * report says so (`note`). Their keys are refused by TC-FIELD-1 or TC-FRAME-2 message by message.
 */
export class BoundedStates<T> {
  private readonly states = new Map<string, T>();
  private unknownKept = 0;
  private untracked = 0;

  constructor(
    private readonly known: (key: string) => boolean,
    private readonly maxUnknown = MAX_UNKNOWN_KEYS,
  ) {}

  get(key: string): T | undefined {
    return this.states.get(key);
  }

  /** The key's state, made by `create` the first time; undefined (and counted) when not kept. */
  obtain(key: string, create: () => T): T | undefined {
    const state = this.states.get(key);
    if (state !== undefined) return state;
    if (!this.known(key)) {
      if (this.unknownKept >= this.maxUnknown || key.length > MAX_UNKNOWN_KEY_CHARS) {
        this.untracked += 1;
        return undefined;
      }
      this.unknownKept += 1;
    }
    const made = create();
    this.states.set(key, made);
    return made;
  }

  get size(): number {
    return this.states.size;
  }

  /** Messages whose key was not kept. */
  get untrackedMessages(): number {
    return this.untracked;
  }

  [Symbol.iterator](): IterableIterator<[string, T]> {
    return this.states.entries();
  }

  values(): IterableIterator<T> {
    return this.states.values();
  }

  keys(): IterableIterator<string> {
    return this.states.keys();
  }

  /** The report's figure when keys were left untracked (`what`: `cameras`, `feeds`…); else none. */
  note(what: string): Record<string, string> {
    if (this.untracked === 0) return {};
    return {
      [`${what} not tracked`]: `more than ${this.maxUnknown} ${what} outside the registry (or with names over ${MAX_UNKNOWN_KEY_CHARS} characters): ${this.untracked} messages of further ones not judged here`,
    };
  }
}
