/** An allowed pairing between left node `left` and right node `right` at `cost`. */
export interface Edge {
  left: number;
  right: number;
  cost: number;
}

export interface Assignment {
  /** Chosen edges, at most one per node. */
  pairs: Edge[];
  /** Sum of chosen edge costs plus `unmatchedCost` per node left without a partner. */
  total: number;
}

/** Exact search is used up to this many right nodes (2^n states per left node). */
const EXACT_LIMIT = 12;

/**
 * Minimum-cost assignment on a small bipartite graph: every node is paired at most once, and a
 * node left alone costs `unmatchedCost`. With `unmatchedCost` at least the dearest allowed edge,
 * the assignment pairs as many nodes as it can, then at the least total cost, so two lookalike
 * vehicles are paired the way that fits both best rather than first come, first served.
 * Exact (dynamic programming over subsets of right nodes) for the small components of a
 * border post; greedy by cost beyond `EXACT_LIMIT` right nodes.
 */
export function minCostAssignment(
  leftCount: number,
  rightCount: number,
  edges: readonly Edge[],
  unmatchedCost: number,
): Assignment {
  if (rightCount > EXACT_LIMIT) return greedy(leftCount, rightCount, edges, unmatchedCost);
  const byLeft: Edge[][] = Array.from({ length: leftCount }, () => []);
  for (const e of edges) byLeft[e.left]!.push(e);
  const states = 1 << rightCount;
  // gain[i][mask]: the most saved (2·unmatched − cost per pair) by lefts i.. with rights in mask taken.
  const gain: Float64Array[] = Array.from(
    { length: leftCount + 1 },
    () => new Float64Array(states),
  );
  const choice: Int32Array[] = Array.from({ length: leftCount }, () =>
    new Int32Array(states).fill(-1),
  );
  for (let i = leftCount - 1; i >= 0; i--) {
    const next = gain[i + 1]!;
    const here = gain[i]!;
    for (let mask = 0; mask < states; mask++) {
      let best = next[mask]!;
      let pick = -1;
      byLeft[i]!.forEach((e, k) => {
        const bit = 1 << e.right;
        if (mask & bit) return;
        const value = 2 * unmatchedCost - e.cost + next[mask | bit]!;
        if (value > best + 1e-12) {
          best = value;
          pick = k;
        }
      });
      here[mask] = best;
      choice[i]![mask] = pick;
    }
  }
  const pairs: Edge[] = [];
  let mask = 0;
  for (let i = 0; i < leftCount; i++) {
    const k = choice[i]![mask]!;
    if (k < 0) continue;
    const e = byLeft[i]![k]!;
    pairs.push(e);
    mask |= 1 << e.right;
  }
  return { pairs, total: (leftCount + rightCount) * unmatchedCost - gain[0]![0]! };
}

function greedy(
  leftCount: number,
  rightCount: number,
  edges: readonly Edge[],
  unmatchedCost: number,
): Assignment {
  const usedLeft = new Set<number>();
  const usedRight = new Set<number>();
  const pairs: Edge[] = [];
  let total = (leftCount + rightCount) * unmatchedCost;
  for (const e of [...edges].sort(
    (a, b) => a.cost - b.cost || a.left - b.left || a.right - b.right,
  )) {
    if (usedLeft.has(e.left) || usedRight.has(e.right)) continue;
    usedLeft.add(e.left);
    usedRight.add(e.right);
    pairs.push(e);
    total += e.cost - 2 * unmatchedCost;
  }
  return { pairs, total };
}
