import { COUNTRIES, type Country, type InputEvent } from '../events/input-events';
import { type OutputEvent } from '../events/output-events';
import {
  isCaseDeadline,
  linkCrossing,
  onCaseDeadline,
  onDeclaration,
  type LinkContext,
} from '../declarations/declaration-linking';
import { checkMrn } from '../declarations/mrn';
import { findCrossingPoint, otherCountry } from '../posts/border-posts.registry';
import { takeDue } from './deadline-queue';
import { type MatchingConfig } from './matching.config';
import { overdueIdOf, staleIdOf } from './output-ids';
import { type PartitionState, type PendingRead } from './partition-state';
import { pairNewRead, pendingReadOf, settle, type PairingContext } from './pairing';
import { markOverdue, queueKey, removePending, windowEnd } from './pending-index';
import { defaultPlateMatcher, exitCountryOf, type PlateMatcher } from './plate.matcher';
import { advanceCamera, isKnownCamera, sideWatermark } from './watermarks';
import { sideWatermarks } from './live-feeds';
import { crossingPoint } from '../posts/border-posts.registry';

export interface TimedInput<Origin = unknown> {
  event: InputEvent;
  /** Wall clock when the event reached Kafka. Used only for latency figures, never to decide. */
  receivedAt: number;
  origin: Origin;
}

export interface ReconcileContext {
  config: MatchingConfig;
  /** Wall clock stamped on outputs as `decidedAt`; decisions never read it. */
  now: number;
  matcher?: PlateMatcher;
  /**
   * Whether everything a country has published to this partition so far has been read. A side
   * that only looks behind because its topic's backlog has not been read yet is not stale.
   * Defaults to true (all input given).
   */
  isCaughtUp?: (country: Country, stream?: 'plateReads' | 'declarations') => boolean;
  /** Fill `ReconcileResult.advanced` (live stale feeds need it; it costs two watermark passes per post). */
  trackAdvanced?: boolean;
}

export interface ReconcileResult<Origin> {
  outputs: OutputEvent[];
  /** Inputs that decoded but can never be processed (unknown post or camera): dead-letter them. */
  rejected: Array<{ input: TimedInput<Origin>; reason: string }>;
  /** `<crossing point>|<country>` of every side whose heartbeat watermark moved in this batch (with `trackAdvanced`). */
  advanced: string[];
}

/**
 * The reconciler's decision for one batch of one partition: pairs exits with entries, and
 * raises overdue and stale-feed alarms from heartbeat watermarks (DESIGN.md §3). Decisions
 * depend on event times only, so any replay speed gives the same outputs.
 */
export function reconcile<Origin>(
  state: PartitionState,
  inputs: ReadonlyArray<TimedInput<Origin>>,
  ctx: ReconcileContext,
): ReconcileResult<Origin> {
  const matcher = ctx.matcher ?? defaultPlateMatcher;
  const outputs: OutputEvent[] = [];
  const linking: LinkContext = {
    config: ctx.config,
    matcher,
    now: ctx.now,
    emit: (data) => outputs.push({ type: 'CrossingDiscrepancy', data }),
    declarationsCaughtUp: (country) => ctx.isCaughtUp?.(country, 'declarations') ?? true,
  };
  const pairing: PairingContext = {
    config: ctx.config,
    matcher,
    now: ctx.now,
    emit: (data, exit, entry) => {
      outputs.push({ type: 'CrossingMatched', data });
      linkCrossing(state, exit, entry, data.crossingId, linking);
    },
  };
  const rejected: ReconcileResult<Origin>['rejected'] = [];
  const touched = new Set<string>();
  /** Side watermarks of each post as they were before this batch's first heartbeat there. */
  const beforeBatch = new Map<string, number>();
  const heartbeatPoints = new Set<string>();
  for (const input of inputs) {
    const problem = validate(input.event);
    if (problem) {
      rejected.push({ input, reason: problem });
      continue;
    }
    const event = input.event;
    switch (event.type) {
      case 'PlateRead':
        // A redelivered event (same id) is dropped; everything else is paired or left pending.
        if (!state.pending.has(event.data.eventId) && !state.done.has(event.data.eventId))
          pairNewRead(state, pendingReadOf(event.data, input.receivedAt), pairing);
        break;
      case 'CameraHeartbeat':
        if (ctx.trackAdvanced && !heartbeatPoints.has(event.data.crossingPoint)) {
          heartbeatPoints.add(event.data.crossingPoint);
          for (const [key, value] of sideWatermarks(state, [event.data.crossingPoint]))
            beforeBatch.set(key, value);
        }
        if (advanceCamera(state, event.data.crossingPoint, event.data.cameraId, event.data.upTo))
          touched.add(event.data.crossingPoint);
        break;
      case 'CustomsDeclaration':
        onDeclaration(state, event.data, linking);
        // A postponed goods check may be waiting for exactly this topic to catch up.
        touched.add(event.data.crossingPoint);
        break;
      default: {
        const unreachable: never = event;
        throw new Error(`unhandled input ${JSON.stringify(unreachable)}`);
      }
    }
  }
  for (const point of touched) onWatermarksMoved(state, point, ctx, pairing, linking, outputs);
  const advanced: string[] = [];
  for (const [key, value] of ctx.trackAdvanced ? sideWatermarks(state, heartbeatPoints) : [])
    if (value > (beforeBatch.get(key) ?? -Infinity)) advanced.push(key);
  return { outputs, rejected, advanced };
}

function validate(event: InputEvent): string | null {
  if (event.type === 'CustomsDeclaration') {
    if (!findCrossingPoint(event.data.crossingPoint)) return 'UNKNOWN_CROSSING_POINT';
    const mrnProblem = checkMrn(event.data.mrn);
    return mrnProblem ? `INVALID_MRN_${mrnProblem}` : null;
  }
  if (!findCrossingPoint(event.data.crossingPoint)) return 'UNKNOWN_CROSSING_POINT';
  if (!COUNTRIES.includes(event.data.country)) return 'UNKNOWN_COUNTRY';
  if (
    event.type === 'CameraHeartbeat' &&
    !isKnownCamera(event.data.crossingPoint, event.data.country, event.data.cameraId)
  ) {
    return 'UNKNOWN_CAMERA';
  }
  return null;
}

function onWatermarksMoved(
  state: PartitionState,
  point: string,
  ctx: ReconcileContext,
  pairing: PairingContext,
  linking: LinkContext,
  outputs: OutputEvent[],
): void {
  const matcher = pairing.matcher;
  for (const country of COUNTRIES) {
    const mine = sideWatermark(state, point, country);
    const theirs = sideWatermark(state, point, otherCountry(country));
    if (!mine || !theirs) continue;
    const key = `${point}|${country}`;
    const alarm = state.staleAlarms.get(key);
    // Watermarks are camera-clock times: the two sides' clocks may disagree by the skew bound.
    const lag = theirs.value - mine.value;
    const staleAfter = ctx.config.staleAfterMs + ctx.config.clockSkewMs;
    if (!alarm && lag > staleAfter && (ctx.isCaughtUp?.(country) ?? true)) {
      const alarmId = staleIdOf(point, country, mine.value, false);
      state.staleAlarms.set(key, {
        alarmId,
        crossingPoint: point,
        country,
        staleWatermark: mine.value,
      });
      state.dirty.staleAlarms.add(key);
      outputs.push({
        type: 'FeedStale',
        data: {
          alarmId,
          crossingPoint: point,
          country,
          staleWatermark: mine.value,
          otherWatermark: theirs.value,
          recovered: false,
          decidedAt: ctx.now,
        },
      });
    } else if (
      alarm &&
      lag <= staleAfter &&
      mine.complete &&
      mine.value > (alarm.staleWatermark ?? -Infinity)
    ) {
      state.staleAlarms.delete(key);
      state.dirty.staleAlarms.add(key);
      outputs.push({
        type: 'FeedStale',
        data: {
          alarmId: staleIdOf(point, country, mine.value, true),
          crossingPoint: point,
          country,
          staleWatermark: mine.value,
          otherWatermark: theirs.value,
          recovered: true,
          decidedAt: ctx.now,
        },
      });
    }
  }
  for (const watched of COUNTRIES) {
    const mark = sideWatermark(state, point, watched);
    // A feed that cannot be trusted to be complete calls no vehicle overdue (DESIGN.md §3).
    if (!mark || !mark.complete || state.staleAlarms.has(`${point}|${watched}`)) continue;
    const queue = state.deadlines.get(queueKey(point, watched));
    if (!queue) continue;
    for (const due of takeDue(queue, mark.value)) {
      if (isCaseDeadline(due.eventId)) {
        onCaseDeadline(state, due.eventId, due.kind, mark.value, linking);
        continue;
      }
      const read = state.pending.get(due.eventId);
      if (!read) continue;
      if (due.kind === 'expire') {
        // An ambiguous read is not forgotten before its hold has run out.
        if (!read.deferred) removePending(state, read, matcher);
        continue;
      }
      if (read.crossingId !== null) continue;
      if (read.deferred) settle(state, read, pairing, true);
      if (due.kind === 'overdue' && read.crossingId === null && read.overdueAlarmId === null)
        raiseOverdue(state, read, mark.value, ctx, outputs);
    }
  }
  pruneDone(state, point, ctx.config);
}

function raiseOverdue(
  state: PartitionState,
  exit: PendingRead,
  watermark: number,
  ctx: ReconcileContext,
  outputs: OutputEvent[],
): void {
  const alarmId = overdueIdOf(exit.eventId);
  markOverdue(state, exit, alarmId, ctx.config);
  outputs.push({
    type: 'CrossingOverdue',
    data: {
      alarmId,
      crossingPoint: exit.crossingPoint,
      exitCountry: exitCountryOf(exit),
      exitEventId: exit.eventId,
      plate: exit.plate,
      exitCaptureTime: exit.captureTime,
      windowEnd: windowEnd(
        exit,
        crossingPoint(exit.crossingPoint).transit[exit.country].maxMinutes,
        ctx.config,
      ),
      entrySideWatermark: watermark,
      decidedAt: ctx.now,
    },
  });
}

/** Matched ids are kept for dedupe only as long as a redelivery is plausible. */
function pruneDone(state: PartitionState, point: string, config: MatchingConfig): void {
  const marks = COUNTRIES.map((c) => sideWatermark(state, point, c)?.value ?? -Infinity);
  const horizon = Math.min(...marks) - config.retentionMs;
  // A full pass at most once per hour of event time keeps this off the per-batch cost.
  if (!Number.isFinite(horizon) || horizon < state.prunedUpTo + 3_600_000) return;
  state.prunedUpTo = horizon;
  for (const [id, captureTime] of state.done) {
    if (captureTime < horizon) {
      state.done.delete(id);
      state.dirty.done.add(id);
    }
  }
}
