import { type PlateRead } from '../events/input-events';
import { type CrossingMatched } from '../events/output-events';
import { normalisePlate } from '../plates/plate-normaliser';
import { crossingPoint } from '../posts/border-posts.registry';
import { minCostAssignment, type Edge } from './assignment';
import { type MatchingConfig } from './matching.config';
import { crossingIdOf } from './output-ids';
import { newPendingRead, type PartitionState, type PendingRead } from './partition-state';
import { addPending, removePending, updatePending } from './pending-index';
import { inTransitWindow, type PlateMatcher } from './plate.matcher';

/**
 * Where a crossing is matched. A new read is first checked for being a duplicate of a read of
 * its own side; otherwise it joins the pending reads and the local component of lookalike
 * candidates around it is assigned at least total cost (`assignment.ts`). A pairing is made at
 * once when it is decisive (every other assignment costs `ambiguityMargin` more); an ambiguous
 * read waits until a later read settles it or its hold expires (`settle(…, force)`).
 */
export interface PairingContext {
  config: MatchingConfig;
  matcher: PlateMatcher;
  /** Log time of the input being decided (its record timestamp), stamped as `decidedAt`. */
  now: () => number;
  emit: (matched: CrossingMatched, exit: PendingRead, entry: PendingRead) => void;
}

interface Candidate {
  read: PendingRead;
  cost: number;
}

export function pendingReadOf(data: PlateRead, loggedAt: number): PendingRead {
  return newPendingRead({
    eventId: data.eventId,
    country: data.country,
    crossingPoint: data.crossingPoint,
    direction: data.direction,
    plate: normalisePlate(data.plateText),
    plateText: data.plateText,
    captureTime: data.captureTime,
    category: data.vehicleCategory,
    cameraId: data.cameraId,
    nationality: data.plateNationality,
    confidence: data.ocrConfidence,
    lastInputAt: loggedAt,
  });
}

/** Handles one new plate read: absorbed as a duplicate, paired, or left pending. */
export function pairNewRead(state: PartitionState, read: PendingRead, ctx: PairingContext): void {
  if (isDuplicate(state, read, ctx)) {
    markDone(state, read);
    return;
  }
  addPending(state, read, ctx.matcher, ctx.config);
  settle(state, read, ctx, false);
}

function markDone(state: PartitionState, read: PendingRead): void {
  state.done.set(read.eventId, read.captureTime);
}

/** The same vehicle read again by its camera, by the other lane's camera, or a near-identical read a moment apart. */
function isDuplicate(state: PartitionState, read: PendingRead, ctx: PairingContext): boolean {
  const { duplicateWindowMs, clockSkewMs } = ctx.config;
  const keys = ctx.matcher.keysOf(read);
  // Indexed loops over keys and blocks, here and below: in the decide bench's heap profile a
  // for…of over them still allocated its iterators in optimised code.
  for (let k = 0; k < keys.length; k++) {
    const block = state.byKey.get(keys[k]!);
    if (!block) continue;
    for (let b = 0; b < block.length; b++) {
      const other = block[b]!;
      if (other.country !== read.country || other.direction !== read.direction) continue;
      const window = duplicateWindowMs + (other.cameraId === read.cameraId ? 0 : clockSkewMs);
      if (Math.abs(other.captureTime - read.captureTime) > window) continue;
      if (ctx.matcher.pairCost(read, other) < Infinity) return true;
    }
  }
  return false;
}

/**
 * Scratch of `candidatesOf`, which never nests (the decider is single-threaded): the reads it
 * has weighed so far in this call (a read sits under several of its keys) and the candidates
 * found. Counted, never truncated, as emptying an array drops its storage: the slots past the
 * count hold stale references until overwritten, a handful at most.
 */
const weighed: PendingRead[] = [];
let weighedCount = 0;
const collected: Candidate[] = [];
let collectedCount = 0;
const NO_CANDIDATES: readonly Candidate[] = [];

function weighedBefore(read: PendingRead): boolean {
  for (let i = 0; i < weighedCount; i++) if (weighed[i] === read) return true;
  weighed[weighedCount++] = read;
  return false;
}

/** Unmatched reads of the other side inside the transit window whose plates plausibly agree. */
function candidatesOf(
  state: PartitionState,
  read: PendingRead,
  ctx: PairingContext,
): readonly Candidate[] {
  const keys = ctx.matcher.keysOf(read);
  for (let k = 0; k < keys.length; k++) {
    const block = state.byKey.get(keys[k]!);
    if (!block) continue;
    for (let b = 0; b < block.length; b++) {
      const other = block[b]!;
      if (
        other.crossingId !== null ||
        other.country === read.country ||
        other.direction === read.direction
      )
        continue;
      if (keys.length > 1 && weighedBefore(other)) continue;
      const exit = read.direction === 'EXIT' ? read : other;
      const entry = exit === read ? other : read;
      if (!inTransitWindow(exit, entry, ctx.config.clockSkewMs)) continue;
      const cost = ctx.matcher.pairCost(read, other);
      if (cost < Infinity)
        collected[collectedCount++] = { read: other, cost: cost + transitTieBreak(exit, entry) };
    }
  }
  weighedCount = 0;
  if (collectedCount === 0) return NO_CANDIDATES;
  const found = collected.slice(0, collectedCount);
  collectedCount = 0;
  // Index order is insertion order, which a reload from Redis does not keep: assignment ties
  // must break the same way in an uninterrupted run and after a rebuild.
  if (found.length > 1) found.sort((a, b) => compareIds(a.read.eventId, b.read.eventId));
  return found;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** At most 0.01: among equally good plates, the shorter transit wins (never outweighs a plate edit). */
function transitTieBreak(exit: PendingRead, entry: PendingRead): number {
  const window = crossingPoint(exit.crossingPoint).transit[exit.country];
  const span = Math.max(1, (window.maxMinutes - window.minMinutes) * 60_000);
  const share = (entry.captureTime - exit.captureTime - window.minMinutes * 60_000) / span;
  return 0.01 * Math.min(1, Math.max(0, share));
}

interface Component {
  lefts: PendingRead[];
  rights: PendingRead[];
  edges: Edge[];
}

/** `read`, its candidates (right), and their other candidates on `read`'s side (left): two hops. */
function componentOf(state: PartitionState, read: PendingRead, ctx: PairingContext): Component {
  const rights = candidatesOf(state, read, ctx).map((c) => c.read);
  const lefts = [read];
  const edges: Edge[] = [];
  for (let r = 0; r < rights.length; r++) {
    const candidates = candidatesOf(state, rights[r]!, ctx);
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k]!;
      // The component holds a handful of reads: a scan is cheaper than a map per read.
      let l = lefts.indexOf(c.read);
      if (l < 0) {
        l = lefts.length;
        lefts.push(c.read);
      }
      edges.push({ left: l, right: r, cost: c.cost });
    }
  }
  return { lefts, rights, edges };
}

/**
 * Pairs `read` if its component's best assignment is decisive (or `force`, when its hold ran out),
 * with any other decisive pair found on the way; an undecided read is marked deferred.
 */
export function settle(
  state: PartitionState,
  read: PendingRead,
  ctx: PairingContext,
  force: boolean,
  depth = 0,
): void {
  for (;;) {
    if (state.pending.get(read.eventId) !== read || read.crossingId !== null) return;
    const comp = componentOf(state, read, ctx);
    if (comp.edges.length === 0) {
      if (read.deferred) setDeferred(state, read, false, ctx);
      return;
    }
    if (comp.edges.length === 1) {
      commitPair(
        state,
        comp.lefts[0]!,
        comp.rights[comp.edges[0]!.right]!,
        comp.edges[0]!.cost,
        ctx,
      );
      return;
    }
    const u = ctx.config.unmatchedCost;
    const best = minCostAssignment(comp.lefts.length, comp.rights.length, comp.edges, u);
    const decisive = best.pairs
      .slice()
      .sort((a, b) => a.cost - b.cost)
      .find((pair) => {
        if (force && pair.left === 0) return true;
        const without = comp.edges.filter((e) => e !== pair);
        const alternative = minCostAssignment(comp.lefts.length, comp.rights.length, without, u);
        return alternative.total - best.total >= ctx.config.ambiguityMargin;
      });
    if (!decisive) {
      // Ambiguous: wait for the read that settles it. Left out of the best assignment: just pending.
      const ownPair = best.pairs.some((p) => p.left === 0);
      if (read.deferred !== ownPair) setDeferred(state, read, ownPair, ctx);
      return;
    }
    const left = comp.lefts[decisive.left]!;
    commitPair(state, left, comp.rights[decisive.right]!, decisive.cost, ctx);
    // Others of the component may have been waiting for exactly this pairing.
    if (depth < 4) {
      for (const other of comp.lefts)
        if (other !== read && other.deferred) settle(state, other, ctx, false, depth + 1);
    }
    if (left === read) return;
  }
}

function setDeferred(
  state: PartitionState,
  read: PendingRead,
  deferred: boolean,
  ctx: PairingContext,
): void {
  read.deferred = deferred;
  updatePending(state, read, ctx.config);
}

function commitPair(
  state: PartitionState,
  a: PendingRead,
  b: PendingRead,
  cost: number,
  ctx: PairingContext,
): void {
  const exit = a.direction === 'EXIT' ? a : b;
  const entry = exit === a ? b : a;
  const crossingId = crossingIdOf(exit.eventId, entry.eventId);
  removePending(state, entry, ctx.matcher);
  markDone(state, entry);
  markDone(state, exit);
  exit.crossingId = crossingId;
  exit.entry = {
    eventId: entry.eventId,
    plate: entry.plate,
    confidence: entry.confidence,
    captureTime: entry.captureTime,
  };
  exit.deferred = false;
  updatePending(state, exit, ctx.config);
  ctx.emit(
    {
      crossingId,
      crossingPoint: exit.crossingPoint,
      exitCountry: exit.country,
      entryCountry: entry.country,
      exitEventId: exit.eventId,
      entryEventId: entry.eventId,
      exitPlateText: exit.plateText,
      entryPlateText: entry.plateText,
      plate: exit.plate,
      exitCaptureTime: exit.captureTime,
      entryCaptureTime: entry.captureTime,
      score: Math.round((1 / (1 + cost)) * 1e4) / 1e4,
      overdueAlarmId: exit.overdueAlarmId,
      lastInputAt: Math.max(exit.lastInputAt, entry.lastInputAt),
      decidedAt: ctx.now(),
    },
    exit,
    entry,
  );
}
