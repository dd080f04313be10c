import fc from 'fast-check';
import { insertDeadline, newDeadlineQueue, takeDue } from './deadline-queue';

describe('deadline queue', () => {
  it('property: takes due items earliest first, the same whatever the insertion order', () => {
    const item = fc.record({
      deadline: fc.integer({ min: 0, max: 50 }),
      eventId: fc.string({ maxLength: 3 }),
      kind: fc.constantFrom('overdue' as const, 'expire' as const, 'resolve' as const),
    });
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (items, upTo) => {
          const forward = newDeadlineQueue();
          const backward = newDeadlineQueue();
          for (const i of items) insertDeadline(forward, i);
          for (const i of [...items].reverse()) insertDeadline(backward, i);
          const a = takeDue(forward, upTo);
          expect(a).toEqual(takeDue(backward, upTo));
          expect(a.map((d) => d.deadline)).toEqual(
            items
              .filter((d) => d.deadline <= upTo)
              .map((d) => d.deadline)
              .sort((x, y) => x - y),
          );
          const rest = takeDue(forward, Infinity);
          expect(rest.every((d) => d.deadline > upTo)).toBe(true);
          expect(rest.length + a.length).toBe(items.length);
          // The rest also comes out in order: the heap kept its shape through every sift.
          expect(rest.map((d) => d.deadline)).toEqual(
            items
              .filter((d) => d.deadline > upTo)
              .map((d) => d.deadline)
              .sort((x, y) => x - y),
          );
        },
      ),
    );
  });
});
