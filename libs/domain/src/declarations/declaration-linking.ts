import { type CustomsDeclaration } from '../events/input-events';
import { type CrossingDiscrepancy } from '../events/output-events';
import { normalisePlate } from '../plates/plate-normaliser';
import { otherCountry } from '../posts/border-posts.registry';
import {
  declarationQueueKey,
  insertDeadline,
  newDeadlineQueue,
  queueKey,
  type DeadlineKind,
} from '../matching/deadline-queue';
import { addToBlock, removeFromBlock } from '../matching/block-index';
import { type MatchingConfig } from '../matching/matching.config';
import { discrepancyIdOf } from '../matching/output-ids';
import { plateDistance } from '../matching/plate-similarity';
import {
  newPendingRead,
  type BlockKey,
  type PartitionState,
  type PendingRead,
} from '../matching/partition-state';
import { type PlateMatcher } from '../matching/plate.matcher';
import {
  MAY_CARRY_GOODS,
  type DeclarationCase,
  type DeclarationSummary,
  type LinkedCrossing,
} from './declaration-case';
import { findDiscrepancies } from './declaration-rules';

/**
 * Where declarations meet crossings: both sides' declarations are joined by MRN (validated on
 * input), and the case is linked to a matched crossing by plate (the declared tractor plate
 * against the camera read of the same side, within misread tolerance). Discrepancies are
 * published once per reason and MRN.
 */
export interface LinkContext {
  config: MatchingConfig;
  matcher: PlateMatcher;
  /** Log time of the input being decided (its record timestamp), stamped as `decidedAt`. */
  now: () => number;
  emit: (discrepancy: CrossingDiscrepancy) => void;
}

const DEADLINE_PREFIX = 'mrn:';
export const isCaseDeadline = (eventId: string) => eventId.startsWith(DEADLINE_PREFIX);

function summaryOf(d: CustomsDeclaration): DeclarationSummary {
  return {
    eventId: d.eventId,
    country: d.country,
    kind: d.kind,
    plate: normalisePlate(d.tractorPlate),
    lodgedAt: d.lodgedAt,
    goods: d.goods.map((g) => [g.hsCode, g.grossMassKg]),
  };
}

/** A declared plate seen as a perfectly confident camera read of its side (for blocking keys). */
function asRead(crossingPoint: string, d: DeclarationSummary): PendingRead {
  return newPendingRead({
    eventId: d.eventId,
    country: d.country,
    crossingPoint,
    direction: d.kind === 'IMPORT' ? 'ENTRY' : 'EXIT',
    plate: d.plate,
    plateText: d.plate,
    captureTime: d.lodgedAt,
    category: 'UNKNOWN',
    cameraId: '',
    nationality: null,
    confidence: 1,
    lastInputAt: 0,
  });
}

const NO_SIDES: readonly DeclarationSummary[] = [];

/** The declarations a case has, export first (one array, built only when there are two). */
const sidesOf = (c: DeclarationCase): readonly DeclarationSummary[] =>
  c.export ? (c.import ? [c.export, c.import] : [c.export]) : c.import ? [c.import] : NO_SIDES;

/**
 * The blocking keys of a declared plate, computed once per declaration of an open case (each from
 * a throwaway read) and kept beside the state until the case leaves the index. A summary is never
 * changed once made, so the object itself is the key.
 */
function declaredKeys(
  state: PartitionState,
  crossingPoint: string,
  d: DeclarationSummary,
  matcher: PlateMatcher,
): readonly BlockKey[] {
  let keys = state.declaredKeys.get(d);
  if (!keys) state.declaredKeys.set(d, (keys = matcher.keysOf(asRead(crossingPoint, d))));
  return keys;
}

/** Puts the case's MRN under (or takes it from) the blocking keys of these declarations. */
function indexSides(
  state: PartitionState,
  c: DeclarationCase,
  sides: readonly DeclarationSummary[],
  matcher: PlateMatcher,
  add: boolean,
) {
  // Indexed loops over sides, keys and blocks in this file: a for…of allocated its iterators.
  for (let s = 0; s < sides.length; s++) {
    const keys = declaredKeys(state, c.crossingPoint, sides[s]!, matcher);
    for (let k = 0; k < keys.length; k++) {
      if (add) addToBlock(state.casesByKey, keys[k]!, c.mrn);
      else removeFromBlock(state.casesByKey, keys[k]!, c.mrn);
    }
  }
}

function index(state: PartitionState, c: DeclarationCase, matcher: PlateMatcher, add: boolean) {
  indexSides(state, c, sidesOf(c), matcher, add);
}

/** The case left the index (linked or dropped): its declarations' keys are not needed again. */
function forgetKeys(state: PartitionState, c: DeclarationCase) {
  if (c.export) state.declaredKeys.delete(c.export);
  if (c.import) state.declaredKeys.delete(c.import);
}

function schedule(
  state: PartitionState,
  c: DeclarationCase,
  key: string,
  deadline: number,
  kind: DeadlineKind,
) {
  let queue = state.deadlines.get(key);
  if (!queue) state.deadlines.set(key, (queue = newDeadlineQueue()));
  insertDeadline(queue, { deadline, eventId: DEADLINE_PREFIX + c.mrn, kind });
}

function scheduleCase(state: PartitionState, c: DeclarationCase, config: MatchingConfig) {
  for (const d of sidesOf(c))
    schedule(
      state,
      c,
      queueKey(c.crossingPoint, d.country),
      d.lodgedAt + config.retentionMs,
      'case-expire',
    );
  if (c.crossing && c.export && !c.import) {
    // Due once the entry side's declaration feed vouches for everything lodged within the grace.
    schedule(
      state,
      c,
      declarationQueueKey(c.crossingPoint, otherCountry(c.export.country)),
      c.crossing.entryCaptureTime + config.declarations.importGraceMs,
      'goods-check',
    );
  }
}

function save(state: PartitionState, c: DeclarationCase) {
  state.cases.set(c.mrn, c);
}

function drop(state: PartitionState, c: DeclarationCase, matcher: PlateMatcher) {
  if (!c.crossing) index(state, c, matcher, false);
  forgetKeys(state, c);
  state.cases.delete(c.mrn);
}

/** A declaration of either side: joined to its case by MRN, then checked against what is known. */
export function onDeclaration(state: PartitionState, d: CustomsDeclaration, ctx: LinkContext) {
  const summary = summaryOf(d);
  const slot = d.kind === 'IMPORT' ? 'import' : 'export';
  let c = state.cases.get(d.mrn);
  if (c?.[slot]?.eventId === d.eventId) return; // redelivered
  c ??= {
    mrn: d.mrn,
    crossingPoint: d.crossingPoint,
    export: null,
    import: null,
    crossing: null,
    raised: [],
  };
  const replaced = c[slot];
  c[slot] = summary;
  if (!c.crossing) reindex(state, c, replaced, ctx);
  save(state, c);
  scheduleCase(state, c, ctx.config);
  check(state, c, ctx);
}

/**
 * An open case has a new declaration (in place of `replaced`, if any): linked now to a matched
 * crossing it leaves the index, else it stays under its declarations' keys. The MRN is taken
 * only from keys it no longer has and put only under new ones, where it used to be taken from
 * all and put back: the order within a block decides nothing (`linkCrossing` takes the least
 * cost, ties by MRN), so only the blocks' contents matter, and those are the same.
 */
function reindex(
  state: PartitionState,
  c: DeclarationCase,
  replaced: DeclarationSummary | null,
  ctx: LinkContext,
) {
  if (replaced) {
    indexSides(state, c, [replaced], ctx.matcher, false);
    state.declaredKeys.delete(replaced);
  }
  if (!linkToMatched(state, c, ctx)) return index(state, c, ctx.matcher, true);
  index(state, c, ctx.matcher, false);
  forgetKeys(state, c);
}

/**
 * A declared plate is typed, not read: only the camera's side can be misread, so the tolerance is
 * tighter than between two camera reads (one misread outside the confusion classes at most).
 */
function plateCost(declared: string, read: string, ctx: LinkContext): number {
  return plateDistance(declared, read, ctx.config.declarations.plateTolerance);
}

function isBetter(
  cost: number,
  eventId: string,
  best: { exit: PendingRead; cost: number } | null,
): boolean {
  return !best || cost < best.cost || (cost === best.cost && eventId < best.exit.eventId);
}

/** A declaration read after its crossing was matched: the matched exits kept for this are searched. */
function linkToMatched(state: PartitionState, c: DeclarationCase, ctx: LinkContext): boolean {
  let best: { exit: PendingRead; cost: number } | null = null;
  const sides = sidesOf(c);
  for (let s = 0; s < sides.length; s++) {
    const d = sides[s]!;
    const keys = declaredKeys(state, c.crossingPoint, d, ctx.matcher);
    for (let k = 0; k < keys.length; k++) {
      const block = state.byKey.get(keys[k]!);
      if (!block) continue;
      for (let b = 0; b < block.length; b++) {
        const exit = block[b]!;
        if (!exit.entry || exit.direction !== 'EXIT') continue;
        const cost =
          d.kind === 'IMPORT'
            ? exit.country !== d.country
              ? plateCost(d.plate, exit.entry.plate, ctx)
              : Infinity
            : exit.country === d.country
              ? plateCost(d.plate, exit.plate, ctx)
              : Infinity;
        if (cost < Infinity && isBetter(cost, exit.eventId, best)) best = { exit, cost };
      }
    }
  }
  if (!best) return false;
  c.crossing = linkedCrossingOf(best.exit.crossingId!, best.exit, best.exit.entry!);
  return true;
}

function linkedCrossingOf(
  crossingId: string,
  exit: PendingRead,
  entry: Pick<PendingRead, 'eventId' | 'plate' | 'confidence' | 'captureTime'>,
): LinkedCrossing {
  return {
    crossingId,
    exitEventId: exit.eventId,
    entryEventId: entry.eventId,
    exitPlate: exit.plate,
    entryPlate: entry.plate,
    exitConfidence: exit.confidence,
    entryConfidence: entry.confidence,
    exitCaptureTime: exit.captureTime,
    entryCaptureTime: entry.captureTime,
  };
}

/** MRNs `linkCrossing` has weighed in its current call: reused (counted, never truncated), as the call never nests. */
const weighed: string[] = [];
let weighedCount = 0;

function weighedBefore(mrn: string): boolean {
  for (let i = 0; i < weighedCount; i++) if (weighed[i] === mrn) return true;
  weighed[weighedCount++] = mrn;
  return false;
}

/** A crossing was matched: the open case whose declared plate best fits its reads is linked to it. */
export function linkCrossing(
  state: PartitionState,
  exit: PendingRead,
  entry: PendingRead,
  crossingId: string,
  ctx: LinkContext,
) {
  if (state.casesByKey.size === 0) return;
  if (!MAY_CARRY_GOODS.has(exit.category) && !MAY_CARRY_GOODS.has(entry.category)) return;
  let best: DeclarationCase | null = null;
  let bestCost = Infinity;
  const keys = ctx.matcher.keysOf(exit);
  for (let k = 0; k < keys.length; k++) {
    const mrns = state.casesByKey.get(keys[k]!);
    if (!mrns) continue;
    for (let m = 0; m < mrns.length; m++) {
      const mrn = mrns[m]!;
      if (weighedBefore(mrn)) continue;
      const c = state.cases.get(mrn);
      if (!c || c.crossing) continue;
      const cost = Math.min(
        c.export?.country === exit.country ? plateCost(c.export.plate, exit.plate, ctx) : Infinity,
        c.import?.country === entry.country
          ? plateCost(c.import.plate, entry.plate, ctx)
          : Infinity,
      );
      if (cost === Infinity) continue;
      if (!best || cost < bestCost || (cost === bestCost && c.mrn < best.mrn)) {
        best = c;
        bestCost = cost;
      }
    }
  }
  weighedCount = 0;
  if (!best) return;
  const c = best;
  index(state, c, ctx.matcher, false);
  forgetKeys(state, c);
  c.crossing = linkedCrossingOf(crossingId, exit, entry);
  save(state, c);
  scheduleCase(state, c, ctx.config);
  check(state, c, ctx);
}

/** Time passed on a watched side: an import never lodged, or a case to forget. */
export function onCaseDeadline(
  state: PartitionState,
  deadlineId: string,
  kind: DeadlineKind,
  watermark: number,
  ctx: LinkContext,
) {
  const c = state.cases.get(deadlineId.slice(DEADLINE_PREFIX.length));
  if (!c) return;
  if (kind === 'case-expire') {
    // Only once the newest declaration of the case is older than the retention.
    const newest = Math.max(...sidesOf(c).map((d) => d.lodgedAt));
    if (newest + ctx.config.retentionMs <= watermark) drop(state, c, ctx.matcher);
    return;
  }
  if (kind !== 'goods-check' || !c.crossing || !c.export || c.import) return;
  raise(
    state,
    c,
    'GOODS_NOT_DECLARED_ON_ENTRY',
    `export ${c.mrn} declared goods on exit; nothing declared on entry within ${Math.round(ctx.config.declarations.importGraceMs / 60_000)} min`,
    ctx,
  );
}

function check(state: PartitionState, c: DeclarationCase, ctx: LinkContext) {
  const findings = findDiscrepancies(
    c,
    ctx.config.declarations,
    // Calling a plate wrong needs more than linking it: an unsure camera read is given more slack.
    (declared, read, confidence) =>
      plateDistance(
        declared,
        read,
        ctx.config.declarations.plateTolerance + (1 - Math.min(1, confidence)) * 2.5,
      ) < Infinity,
    ctx.config.clockSkewMs,
  );
  // A complete case stays until its retention ends, so a redelivered declaration raises nothing again.
  for (const f of findings) raise(state, c, f.reason, f.detail, ctx);
}

function raise(
  state: PartitionState,
  c: DeclarationCase,
  reason: CrossingDiscrepancy['reason'],
  detail: string,
  ctx: LinkContext,
) {
  if (c.raised.includes(reason)) return;
  c.raised.push(reason);
  save(state, c);
  ctx.emit({
    discrepancyId: discrepancyIdOf(c.mrn, reason),
    crossingPoint: c.crossingPoint,
    reason,
    detail,
    sourceEventIds: [
      ...sidesOf(c).map((d) => d.eventId),
      ...(c.crossing ? [c.crossing.exitEventId, c.crossing.entryEventId] : []),
    ],
    exitCaptureTime: c.crossing?.exitCaptureTime ?? null,
    entryCaptureTime: c.crossing?.entryCaptureTime ?? null,
    decidedAt: ctx.now(),
  });
}

/** Derived indexes and deadlines of the cases after a load. */
export function rebuildCaseIndexes(
  state: PartitionState,
  matcher: PlateMatcher,
  config: MatchingConfig,
) {
  state.casesByKey.clear();
  state.declaredKeys.clear();
  for (const c of state.cases.values()) {
    if (!c.crossing) index(state, c, matcher, true);
    scheduleCase(state, c, config);
  }
}
