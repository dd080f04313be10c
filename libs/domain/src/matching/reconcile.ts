import { COUNTRIES, type Country, type InputEvent, type PlateRead } from '../events/input-events';
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
import { declarationQueueKey, takeDue } from './deadline-queue';
import { type MatchingConfig } from './matching.config';
import { overdueIdOf, staleIdOf } from './output-ids';
import { type PartitionState, type PendingRead } from './partition-state';
import { pairNewRead, pendingReadOf, settle, type PairingContext } from './pairing';
import { markOverdue, queueKey, removePending, windowEnd } from './pending-index';
import { defaultPlateMatcher, exitCountryOf, type PlateMatcher } from './plate.matcher';
import {
  advanceCamera,
  advanceDeclarationFeed,
  declarationWatermark,
  isKnownCamera,
  sideWatermark,
  type SideWatermark,
} from './watermarks';
import { sideWatermarks } from './live-feeds';
import { crossingPoint } from '../posts/border-posts.registry';
import { perPostAndCountry } from '../posts/post-keys';

export interface TimedInput<Origin = unknown> {
  event: InputEvent;
  /**
   * The input's record timestamp: its delivery time in the world (docs/design.md §3). It is log
   * content, so it may be stamped on outputs (`decidedAt`); it never decides a pairing.
   */
  loggedAt: number;
  origin: Origin;
}

export interface ReconcileContext {
  config: MatchingConfig;
  matcher?: PlateMatcher;
  /** Fill `ReconcileResult.advanced` (live stale feeds need it; it costs two watermark passes per post). */
  trackAdvanced?: boolean;
}

export interface ReconcileResult<Origin> {
  outputs: OutputEvent[];
  /** For each output, the index in `inputs` of the input whose decision raised it. */
  causes: number[];
  /** Inputs that decoded but can never be processed (unknown post or camera): dead-letter them. */
  rejected: Array<{ input: TimedInput<Origin>; reason: string }>;
  /** `<crossing point>|<country>` of every side whose heartbeat watermark moved in this batch (with `trackAdvanced`). */
  advanced: string[];
  /**
   * Ids of inputs that arrived below their own feed's watermark (a read captured before its
   * camera's last heartbeat, a declaration lodged before its feed's): a broken heartbeat
   * promise, decided at its place in the merge and reported, never reordered.
   */
  late: string[];
}

/**
 * The reconciler's decision for a run of one partition's inputs, in the order the aligner
 * merged them (docs/design.md §3): each input is decided on its own, deadlines passed by a moved
 * watermark are taken at once, so the outputs depend neither on batch boundaries nor on the
 * wall clock. Pairs exits with entries, links declarations, and raises overdue, stale-feed and
 * discrepancy alarms.
 */
export function reconcile<Origin>(
  state: PartitionState,
  inputs: ReadonlyArray<TimedInput<Origin>>,
  ctx: ReconcileContext,
): ReconcileResult<Origin> {
  const matcher = ctx.matcher ?? defaultPlateMatcher;
  const outputs: OutputEvent[] = [];
  let loggedAt = 0;
  const now = () => loggedAt;
  const linking: LinkContext = {
    config: ctx.config,
    matcher,
    now,
    emit: (data) => outputs.push({ type: 'CrossingDiscrepancy', data }),
  };
  const pairing: PairingContext = {
    config: ctx.config,
    matcher,
    now,
    emit: (data, exit, entry) => {
      outputs.push({ type: 'CrossingMatched', data });
      linkCrossing(state, exit, entry, data.crossingId, linking);
    },
  };
  const late: string[] = [];
  const decider: Decider = { state, config: ctx.config, pairing, linking, outputs, now, late };
  const causes: number[] = [];
  const rejected: ReconcileResult<Origin>['rejected'] = [];
  /** Side watermarks of each post as they were before this run's first heartbeat there. */
  const beforeRun = new Map<string, number>();
  const heartbeatPoints = new Set<string>();
  inputs.forEach((input, index) => {
    const problem = validate(input.event);
    if (problem) {
      rejected.push({ input, reason: problem });
      return;
    }
    loggedAt = input.loggedAt;
    const event = input.event;
    if (ctx.trackAdvanced && event.type === 'CameraHeartbeat') {
      if (!heartbeatPoints.has(event.data.crossingPoint)) {
        heartbeatPoints.add(event.data.crossingPoint);
        for (const [key, value] of sideWatermarks(state, [event.data.crossingPoint]))
          beforeRun.set(key, value);
      }
    }
    decideOne(decider, event);
    while (causes.length < outputs.length) causes.push(index);
  });
  const advanced: string[] = [];
  for (const [key, value] of ctx.trackAdvanced ? sideWatermarks(state, heartbeatPoints) : [])
    if (value > (beforeRun.get(key) ?? -Infinity)) advanced.push(key);
  return { outputs, causes, rejected, advanced, late };
}

interface Decider {
  state: PartitionState;
  config: MatchingConfig;
  pairing: PairingContext;
  linking: LinkContext;
  outputs: OutputEvent[];
  now: () => number;
  late: string[];
}

function decideOne(d: Decider, event: InputEvent): void {
  const { state } = d;
  switch (event.type) {
    case 'PlateRead':
      return onPlateRead(d, event.data);
    case 'CameraHeartbeat':
      if (advanceCamera(state, event.data.crossingPoint, event.data.cameraId, event.data.upTo))
        onWatermarksMoved(d, event.data.crossingPoint);
      return;
    case 'CustomsDeclaration':
      if (
        event.data.lodgedAt <=
        (declarationWatermark(state, event.data.crossingPoint, event.data.country) ?? -Infinity)
      )
        d.late.push(event.data.eventId);
      onDeclaration(state, event.data, d.linking);
      return;
    case 'DeclarationHeartbeat': {
      const { crossingPoint: point, country, upTo } = event.data;
      if (advanceDeclarationFeed(state, point, country, upTo))
        takeDeclarationDeadlines(d, point, country, upTo);
      return;
    }
    default: {
      const unreachable: never = event;
      throw new Error(`unhandled input ${JSON.stringify(unreachable)}`);
    }
  }
}

/**
 * Its own function, not a case of `decideOne`: small enough for the compiler to inline the read's
 * construction, so the fields object `newPendingRead` takes is never built.
 */
function onPlateRead(d: Decider, data: PlateRead): void {
  const { state } = d;
  // Below its own camera's heartbeat: the feed broke its promise. Decided where the merge put it, and counted.
  if (data.captureTime <= (state.cameras.get(data.cameraId) ?? -Infinity))
    d.late.push(data.eventId);
  // A redelivered event (same id) is dropped; everything else is paired or left pending.
  if (!state.pending.has(data.eventId) && !isDone(d, data.eventId, data.crossingPoint))
    pairNewRead(state, pendingReadOf(data, d.now()), d.pairing);
}

/** Goods checks wait on the entry side's declaration feed: silence there means nothing was lodged. */
function takeDeclarationDeadlines(d: Decider, point: string, country: Country, upTo: number) {
  const queue = d.state.deadlines.get(declarationQueueKey(point, country));
  if (!queue) return;
  const due = takeDue(queue, upTo);
  for (let i = 0; i < due.length; i++)
    onCaseDeadline(d.state, due[i]!.eventId, due[i]!.kind, upTo, d.linking);
}

/**
 * A read counts as done (a redelivery to drop) only while it is younger than the retention
 * horizon, so when `pruneDone` physically forgets it (which depends on when the process
 * started) never changes a decision.
 */
function isDone(d: Decider, eventId: string, point: string): boolean {
  const captureTime = d.state.done.get(eventId);
  return captureTime !== undefined && captureTime >= doneHorizon(d.state, point, d.config);
}

/** Reads matched before this capture time are forgotten: a pure function of the watermarks. */
function doneHorizon(state: PartitionState, point: string, config: MatchingConfig): number {
  return horizonOf(sideMarks(state, point), config);
}

function horizonOf(marks: SideMarks, config: MatchingConfig): number {
  return Math.min(marks.UA?.value ?? -Infinity, marks.MD?.value ?? -Infinity) - config.retentionMs;
}

type SideMarks = Record<Country, SideWatermark | null>;

/** Both sides' watermarks at a post, read once where several rules need them. */
function sideMarks(state: PartitionState, point: string): SideMarks {
  return { UA: sideWatermark(state, point, 'UA'), MD: sideWatermark(state, point, 'MD') };
}

/** `<post>|<country>`: the key of a side's stale-feed alarm. */
const sideKey = perPostAndCountry((point, country) => `${point}|${country}`);

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

function onWatermarksMoved(d: Decider, point: string): void {
  // Only a heartbeat moves a watermark: both sides' hold for everything decided here.
  const marks = sideMarks(d.state, point);
  checkStaleFeeds(d, point, marks);
  takeCameraDeadlines(d, point, marks);
  pruneDone(d.state, horizonOf(marks, d.config));
}

/** A side lagging the other past the stale bound raises FeedStale; catching up recovers it. */
function checkStaleFeeds(d: Decider, point: string, marks: SideMarks): void {
  const { state, outputs, config } = d;
  for (const country of COUNTRIES) {
    const mine = marks[country];
    const theirs = marks[otherCountry(country)];
    if (!mine || !theirs) continue;
    const key = sideKey(point, country);
    const alarm = state.staleAlarms.get(key);
    // Watermarks are camera-clock times: the two sides' clocks may disagree by the skew bound.
    const lag = theirs.value - mine.value;
    const staleAfter = config.staleAfterMs + config.clockSkewMs;
    if (!alarm && lag > staleAfter) {
      const alarmId = staleIdOf(point, country, mine.value, false);
      state.staleAlarms.set(key, {
        alarmId,
        crossingPoint: point,
        country,
        staleWatermark: mine.value,
      });
      outputs.push({
        type: 'FeedStale',
        data: {
          alarmId,
          crossingPoint: point,
          country,
          staleWatermark: mine.value,
          otherWatermark: theirs.value,
          recovered: false,
          decidedAt: d.now(),
        },
      });
    } else if (
      alarm &&
      lag <= staleAfter &&
      mine.complete &&
      mine.value > (alarm.staleWatermark ?? -Infinity)
    ) {
      state.staleAlarms.delete(key);
      outputs.push({
        type: 'FeedStale',
        data: {
          alarmId: staleIdOf(point, country, mine.value, true),
          crossingPoint: point,
          country,
          staleWatermark: mine.value,
          otherWatermark: theirs.value,
          recovered: true,
          decidedAt: d.now(),
        },
      });
    }
  }
}

/** Overdue alarms, expiries, held ambiguities and case deadlines passed by a side's watermark. */
function takeCameraDeadlines(d: Decider, point: string, marks: SideMarks): void {
  const { state, pairing, linking } = d;
  const matcher = pairing.matcher;
  for (const watched of COUNTRIES) {
    const mark = marks[watched];
    // A feed that cannot be trusted to be complete calls no vehicle overdue (docs/design.md §3).
    if (!mark || !mark.complete || state.staleAlarms.has(sideKey(point, watched))) continue;
    const queue = state.deadlines.get(queueKey(point, watched));
    if (!queue) continue;
    const dueNow = takeDue(queue, mark.value);
    for (let i = 0; i < dueNow.length; i++) {
      const due = dueNow[i]!;
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
        raiseOverdue(d, read, mark.value);
    }
  }
}

function raiseOverdue(d: Decider, exit: PendingRead, watermark: number): void {
  const alarmId = overdueIdOf(exit.eventId);
  markOverdue(d.state, exit, alarmId, d.config);
  d.outputs.push({
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
        d.config,
      ),
      entrySideWatermark: watermark,
      decidedAt: d.now(),
    },
  });
}

/** Matched ids are kept for dedupe only as long as a redelivery is plausible (`horizonOf`). */
function pruneDone(state: PartitionState, horizon: number): void {
  if (!Number.isFinite(horizon)) return;
  // A full pass at most once per hour of event time keeps this off the per-batch cost.
  if (horizon < state.prunedUpTo + 3_600_000) return;
  state.prunedUpTo = horizon;
  // forEach, not for…of: no [id, time] pair per entry of a map of a day's matches.
  state.done.forEach((captureTime, id) => {
    if (captureTime < horizon) state.done.delete(id);
  });
}
