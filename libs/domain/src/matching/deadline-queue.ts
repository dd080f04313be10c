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

/** Earlier deadline first; ties by event id then kind, so the order never depends on insertion order. */
function before(a: Deadline, b: Deadline): boolean {
  if (a.deadline !== b.deadline) return a.deadline < b.deadline;
  if (a.eventId !== b.eventId) return a.eventId < b.eventId;
  return a.kind < b.kind;
}

/**
 * Adds to a queue kept as a binary min-heap: deadlines minutes and hours ahead mix in one queue,
 * so a sorted array would shift half of itself on most inserts.
 */
export function insertDeadline(queue: Deadline[], item: Deadline): void {
  let i = queue.length;
  queue.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(item, queue[parent]!)) break;
    queue[i] = queue[parent]!;
    i = parent;
  }
  queue[i] = item;
}

function popMin(queue: Deadline[]): Deadline {
  const top = queue[0]!;
  const last = queue.pop()!;
  const n = queue.length;
  if (n > 0) {
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(queue[right]!, queue[left]!) ? right : left;
      if (!before(queue[child]!, last)) break;
      queue[i] = queue[child]!;
      i = child;
    }
    queue[i] = last;
  }
  return top;
}

/** Removes and returns, earliest first, every item whose deadline is at or before `upTo`. */
export function takeDue(queue: Deadline[], upTo: number): Deadline[] {
  const due: Deadline[] = [];
  while (queue.length > 0 && queue[0]!.deadline <= upTo) due.push(popMin(queue));
  return due;
}

/** Queue key: the crossing point and the country whose camera watermark makes the deadline pass. */
export const queueKey = (crossingPointId: string, watchedCountry: string) =>
  `${crossingPointId}|${watchedCountry}`;

/** Queue key of deadlines passed by a country's declaration feed watermark at the post. */
export const declarationQueueKey = (crossingPointId: string, watchedCountry: string) =>
  `${crossingPointId}|${watchedCountry}|declarations`;
