import fc from 'fast-check';
import { minCostAssignment, type Edge } from './assignment';

/** Every matching by enumeration: the reference the dynamic programme must equal. */
function bruteForce(left: number, right: number, edges: Edge[], unmatched: number): number {
  let best = (left + right) * unmatched;
  const walk = (i: number, usedRight: number, cost: number, pairs: number) => {
    if (i === edges.length) {
      best = Math.min(best, cost + (left + right - 2 * pairs) * unmatched);
      return;
    }
    walk(i + 1, usedRight, cost, pairs);
    const e = edges[i]!;
    const leftTaken = edges.slice(0, i).some((p) => p.left === e.left && chosen.has(p));
    if (!leftTaken && !(usedRight & (1 << e.right))) {
      chosen.add(e);
      walk(i + 1, usedRight | (1 << e.right), cost + e.cost, pairs + 1);
      chosen.delete(e);
    }
  };
  const chosen = new Set<Edge>();
  walk(0, 0, 0, 0);
  return best;
}

describe('minCostAssignment: competing lookalike candidates', () => {
  it('pairs two near-twin vehicles the way that fits both, not first come first served', () => {
    // Entry 0 looks slightly more like exit 1, but entry 1 is exactly exit 1: the total decides.
    const edges: Edge[] = [
      { left: 0, right: 0, cost: 1 },
      { left: 0, right: 1, cost: 0.3 },
      { left: 1, right: 0, cost: 1 },
      { left: 1, right: 1, cost: 0 },
    ];
    const result = minCostAssignment(2, 2, edges, 10);
    expect(result.pairs.map((e) => [e.left, e.right]).sort()).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(result.total).toBeCloseTo(1);
  });

  it('property: equals exhaustive search on random small graphs (seed printed by fast-check on failure)', () => {
    const graph = fc
      .record({ left: fc.integer({ min: 1, max: 4 }), right: fc.integer({ min: 1, max: 4 }) })
      .chain(({ left, right }) =>
        fc.record({
          left: fc.constant(left),
          right: fc.constant(right),
          edges: fc.uniqueArray(
            fc.record({
              left: fc.nat(left - 1),
              right: fc.nat(right - 1),
              cost: fc.double({ min: 0, max: 4, noNaN: true }),
            }),
            { selector: (e) => `${e.left}-${e.right}`, maxLength: left * right },
          ),
        }),
      );
    fc.assert(
      fc.property(graph, ({ left, right, edges }) => {
        const result = minCostAssignment(left, right, edges, 5);
        expect(result.total).toBeCloseTo(bruteForce(left, right, edges, 5), 9);
        const lefts = result.pairs.map((e) => e.left);
        const rights = result.pairs.map((e) => e.right);
        expect(new Set(lefts).size).toBe(lefts.length);
        expect(new Set(rights).size).toBe(rights.length);
      }),
    );
  });
});
