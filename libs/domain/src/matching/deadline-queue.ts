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

/** Inserts keeping the queue sorted by deadline; reads mostly arrive in time order, so this is near an append. */
export function insertDeadline(queue: Deadline[], item: Deadline): void {
  let lo = 0;
  let hi = queue.length;
  if (hi === 0 || queue[hi - 1]!.deadline <= item.deadline) {
    queue.push(item);
    return;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (queue[mid]!.deadline <= item.deadline) lo = mid + 1;
    else hi = mid;
  }
  queue.splice(lo, 0, item);
}

/** Removes and returns every item whose deadline is at or before `upTo`. */
export function takeDue(queue: Deadline[], upTo: number): Deadline[] {
  let n = 0;
  while (n < queue.length && queue[n]!.deadline <= upTo) n++;
  return n === 0 ? [] : queue.splice(0, n);
}

/** Queue key: the crossing point and the country whose watermark makes the deadline pass. */
export const queueKey = (crossingPointId: string, watchedCountry: string) =>
  `${crossingPointId}|${watchedCountry}`;
