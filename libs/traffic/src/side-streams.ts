import { type Country } from '@uamd/domain';
import { type ObservedEvent } from './observe';

/**
 * Both sides' events merged as a replay takes them: each side's own order kept, UA before MD at
 * the same instant (and a UA event whose delivery steps back taken as soon as it heads its side).
 */
export function* mergeSides(
  ua: Iterable<ObservedEvent>,
  md: Iterable<ObservedEvent>,
): Generator<ObservedEvent> {
  const a = ua[Symbol.iterator]();
  const b = md[Symbol.iterator]();
  let x = a.next();
  let y = b.next();
  while (!x.done || !y.done) {
    if (y.done || (!x.done && x.value.deliverAt <= y.value.deliverAt)) {
      yield x.value;
      x = a.next();
    } else {
      yield y.value;
      y = b.next();
    }
  }
}

/**
 * The two sides of a merged stream, each read lazily: what one side pulls past the other's
 * events waits in a queue for the other, so memory holds what lies between the two.
 */
export function splitSides(
  events: Iterable<ObservedEvent>,
): Record<Country, Iterable<ObservedEvent>> {
  const source = events[Symbol.iterator]();
  const queues: Record<Country, Fifo<ObservedEvent>> = { UA: new Fifo(), MD: new Fifo() };
  let done = false;
  function* side(country: Country): Generator<ObservedEvent> {
    const queue = queues[country];
    for (;;) {
      const next = queue.shift();
      if (next) yield next;
      else if (done) return;
      else {
        const pulled = source.next();
        if (pulled.done) done = true;
        else queues[pulled.value.event.data.country].push(pulled.value);
      }
    }
  }
  return { UA: side('UA'), MD: side('MD') };
}

/** A first-in first-out queue that does not copy on every take. */
class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
