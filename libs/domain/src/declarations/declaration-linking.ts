import { type CustomsDeclaration } from '../events/input-events';
import { type CrossingDiscrepancy } from '../events/output-events';
import { normalisePlate } from '../plates/plate-normaliser';
import { otherCountry } from '../posts/border-posts.registry';
import {
  declarationQueueKey,
  insertDeadline,
  queueKey,
  type DeadlineKind,
} from '../matching/deadline-queue';
import { type MatchingConfig } from '../matching/matching.config';
import { discrepancyIdOf } from '../matching/output-ids';
import { plateDistance } from '../matching/plate-similarity';
import { newPendingRead, type PartitionState, type PendingRead } from '../matching/partition-state';
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

const sidesOf = (c: DeclarationCase) =>
  [c.export, c.import].filter((d): d is DeclarationSummary => d !== null);

function index(state: PartitionState, c: DeclarationCase, matcher: PlateMatcher, add: boolean) {
  for (const d of sidesOf(c)) {
    for (const key of matcher.keysOf(asRead(c.crossingPoint, d))) {
      let mrns = state.casesByKey.get(key);
      if (add) {
        if (!mrns) state.casesByKey.set(key, (mrns = new Set()));
        mrns.add(c.mrn);
      } else {
        mrns?.delete(c.mrn);
        if (mrns?.size === 0) state.casesByKey.delete(key);
      }
    }
  }
}

function schedule(
  state: PartitionState,
  c: DeclarationCase,
  key: string,
  deadline: number,
  kind: DeadlineKind,
) {
  let queue = state.deadlines.get(key);
  if (!queue) state.deadlines.set(key, (queue = []));
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
  state.cases.delete(c.mrn);
}

/** A declaration of either side: joined to its case by MRN, then checked against what is known. */
export function onDeclaration(state: PartitionState, d: CustomsDeclaration, ctx: LinkContext) {
  const summary = summaryOf(d);
  const slot = d.kind === 'IMPORT' ? 'import' : 'export';
  let c = state.cases.get(d.mrn);
  if (c?.[slot]?.eventId === d.eventId) return; // redelivered
  if (!c) {
    c = {
      mrn: d.mrn,
      crossingPoint: d.crossingPoint,
      export: null,
      import: null,
      crossing: null,
      raised: [],
    };
  } else if (!c.crossing) {
    index(state, c, ctx.matcher, false);
  }
  c[slot] = summary;
  if (!c.crossing && !linkToMatched(state, c, ctx)) index(state, c, ctx.matcher, true);
  save(state, c);
  scheduleCase(state, c, ctx.config);
  check(state, c, ctx);
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
  for (const d of sidesOf(c)) {
    const declared = asRead(c.crossingPoint, d);
    for (const key of ctx.matcher.keysOf(declared)) {
      for (const id of state.byKey.get(key) ?? []) {
        const exit = state.pending.get(id);
        if (!exit?.entry || exit.direction !== 'EXIT') continue;
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
  let best: { c: DeclarationCase; cost: number } | null = null;
  const seen = new Set<string>();
  for (const key of ctx.matcher.keysOf(exit)) {
    for (const mrn of state.casesByKey.get(key) ?? []) {
      if (seen.has(mrn)) continue;
      seen.add(mrn);
      const c = state.cases.get(mrn);
      if (!c || c.crossing) continue;
      const exp = c.export;
      const imp = c.import;
      const costs = [
        exp && exp.country === exit.country ? plateCost(exp.plate, exit.plate, ctx) : Infinity,
        imp && imp.country === entry.country ? plateCost(imp.plate, entry.plate, ctx) : Infinity,
      ];
      const cost = Math.min(...costs);
      if (cost === Infinity) continue;
      if (!best || cost < best.cost || (cost === best.cost && c.mrn < best.c.mrn))
        best = { c, cost };
    }
  }
  if (!best) return;
  const c = best.c;
  index(state, c, ctx.matcher, false);
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
  for (const c of state.cases.values()) {
    if (!c.crossing) index(state, c, matcher, true);
    scheduleCase(state, c, config);
  }
}
