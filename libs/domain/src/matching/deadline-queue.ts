import { perPostAndCountry } from '../posts/post-keys';

/**
 * `overdue`: raise an alarm; `expire`: forget the read; `resolve`: an ambiguous read takes its
 * best assignment; `goods-check`: an import declaration is due; `case-expire`: forget a declaration case.
 */
export type DeadlineKind = 'overdue' | 'expire' | 'resolve' | 'goods-check' | 'case-expire';

export interface Deadline {
  deadline: number;
  eventId: string;
  kind: DeadlineKind;
}

/**
 * A binary min-heap of deadlines (minutes and hours ahead mix in one queue, so a sorted array
 * would shift half of itself on most inserts). Each item's deadline is kept again in `times`,
 * beside it: a sift compares numbers there and reads an item only on a tie, where a heap of
 * tens of thousands of objects would cost a cache miss per comparison.
 */
export interface DeadlineQueue {
  items: Deadline[];
  times: Float64Array;
}

export function newDeadlineQueue(): DeadlineQueue {
  return { items: [], times: new Float64Array(16) };
}

/** Earlier deadline first; ties by event id then kind, so the order never depends on insertion order. */
function tieBefore(a: Deadline, b: Deadline): boolean {
  if (a.eventId !== b.eventId) return a.eventId < b.eventId;
  return a.kind < b.kind;
}

export function insertDeadline(queue: DeadlineQueue, item: Deadline): void {
  const { items } = queue;
  let i = items.length;
  if (i === queue.times.length) {
    const grown = new Float64Array(2 * i);
    grown.set(queue.times);
    queue.times = grown;
  }
  const times = queue.times;
  const time = item.deadline;
  items.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const t = times[parent]!;
    if (time !== t ? !(time < t) : !tieBefore(item, items[parent]!)) break;
    items[i] = items[parent]!;
    times[i] = t;
    i = parent;
  }
  items[i] = item;
  times[i] = time;
}

/** Is the item at `i` before the one at `j`? */
function before(queue: DeadlineQueue, i: number, j: number): boolean {
  const a = queue.times[i]!;
  const b = queue.times[j]!;
  return a !== b ? a < b : tieBefore(queue.items[i]!, queue.items[j]!);
}

function popMin(queue: DeadlineQueue): Deadline {
  const { items, times } = queue;
  const top = items[0]!;
  const last = items.pop()!;
  const n = items.length;
  if (n > 0) {
    const lastTime = times[n]!;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(queue, right, left) ? right : left;
      const t = times[child]!;
      if (t !== lastTime ? !(t < lastTime) : !tieBefore(items[child]!, last)) break;
      items[i] = items[child]!;
      times[i] = t;
      i = child;
    }
    items[i] = last;
    times[i] = lastTime;
  }
  return top;
}

/** Removes and returns, earliest first, every item whose deadline is at or before `upTo`. */
export function takeDue(queue: DeadlineQueue, upTo: number): Deadline[] {
  const due: Deadline[] = [];
  while (queue.items.length > 0 && queue.times[0]! <= upTo) due.push(popMin(queue));
  return due;
}

/** Queue key: the crossing point and the country whose camera watermark makes the deadline pass. */
export const queueKey: (crossingPointId: string, watchedCountry: string) => string =
  perPostAndCountry((point, watched) => `${point}|${watched}`);

/** Queue key of deadlines passed by a country's declaration feed watermark at the post. */
export const declarationQueueKey: (crossingPointId: string, watchedCountry: string) => string =
  perPostAndCountry((point, watched) => `${point}|${watched}|declarations`);
