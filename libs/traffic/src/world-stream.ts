import {
  camerasOf,
  COUNTRIES,
  crossingPoint,
  otherCountry,
  type Country,
  type Direction,
} from '@uamd/domain';
import { cameraClockOffsets } from './camera-clocks';
import {
  captureOf,
  compareSlots,
  entrySlotsOf,
  exitSlotsOf,
  type CaptureSettings,
  type Slot,
} from './captures';
import { DeclarationHeartbeats } from './declaration-heartbeats';
import { EntryGates } from './entry-gates';
import { closingDelivery, finalHeartbeatDelivery } from './heartbeat-schedule';
import { CameraHeartbeats } from './heartbeats';
import { IncidentEffects } from './incidents';
import {
  compareObserved,
  declarationHeartbeatSortable,
  declarationSortable,
  heartbeatSortable,
  readSortable,
  type ObservedEvent,
  type Sortable,
} from './observe';
import { scenarioEnd, scenarioPostIds, type Scenario } from './scenarios';
import {
  finishDeclarations,
  gateArrivalOf,
  TripSource,
  type FinishContext,
  type QueuedDraft,
  type TripDraft,
} from './traffic-generator';
import { injectBothSides } from './violations/inject';

const MINUTE = 60_000;
/** Earliest a declaration is lodged before its truck exits (`drawDeclarations`). */
const EXPORT_LEAD_MS = 120 * MINUTE;
/** Earliest a duplicate read fires before its vehicle passes (other lane, −1 s). */
const SLOT_LEAD_MS = 1_000;
const DIRECTIONS: readonly Direction[] = ['EXIT', 'ENTRY'];

export interface StreamOptions {
  /** Simulated time generated per step; memory holds a few hours beyond it. Default 60 min. */
  chunkMinutes?: number;
}

/** Both sides' order at one instant: UA before MD, as a merge of the two `observeSide` lists takes them. */
type Queued = Sortable & { side: number };
const compareQueued = (a: Queued, b: Queued): number =>
  a.deliverAt - b.deliverAt || a.side - b.side || compareObserved(a, b);

/**
 * Both sides' observed events of a scenario in publishing order (UA before MD at the same
 * instant), generated step by step without holding the world: the same events as merging
 * `observeSide(generateWorld(scenario, seed), 'UA')` and `…'MD'`, for a month as for a day.
 *
 * It carries across steps only what is still open: the trips waiting at an entry control, the
 * camera firings not yet numbered, each camera's sequence and heartbeat state, each
 * declaration feed's held declarations, the plates of the last week, and the events not yet safe
 * to publish. An event is safe once no trip still to come can give an earlier one: trips come in
 * exit order, their declarations are lodged at most two hours before the exit and published no
 * earlier, a read fires at most a second before its vehicle passes, and an entry follows its
 * vehicle's arrival at the entry control. A declaration heartbeat is made once every declaration
 * lodged up to its send time is known. The heartbeats after the scenario end, up to the traffic's
 * last delivery, come in the last step, once every trip is out and that delivery is known.
 * The scenario's violations, if any, are injected into each side as `observeSide` does.
 */
export function streamObservedEvents(
  scenario: Scenario,
  seed: number,
  options: StreamOptions = {},
): Generator<ObservedEvent> {
  const events = streamCleanEvents(scenario, seed, options);
  const violations = scenario.violations ?? [];
  return violations.length === 0 ? events : injectBothSides(events, violations, seed);
}

/** The scenario's events as its world gives them, before any violation is injected. */
function* streamCleanEvents(
  scenario: Scenario,
  seed: number,
  options: StreamOptions,
): Generator<ObservedEvent> {
  const chunkMs = (options.chunkMinutes ?? 60) * MINUTE;
  if (!(chunkMs > 0)) throw new Error(`chunkMinutes must be positive, got ${options.chunkMinutes}`);
  const start = scenario.start;
  const end = scenarioEnd(scenario);
  const effects = new IncidentEffects(scenario.incidents);
  const clockOffsets = cameraClockOffsets(scenario, seed);
  const observer = { seed, scenario };
  const captures: CaptureSettings = { seed, end, noise: scenario.noise, clockOffsets, effects };
  const finish: FinishContext = { scenario, seed, end, effects };
  const source = new TripSource(scenario, seed, effects);
  const gates = new EntryGates(effects, scenario.entryCapacityFactor ?? 1);
  const waiting = new MinHeap<{ d: TripDraft; i: number }>(
    (a, b) => a.d.readyAt - b.d.readyAt || a.i - b.i,
  );
  const world = { seed, scenario, start, end, clockOffsets };
  const cameras = new Map<string, CameraHeartbeats>();
  for (const id of scenarioPostIds(scenario))
    for (const country of COUNTRIES)
      for (const direction of DIRECTIONS)
        for (const cameraId of camerasOf(country, crossingPoint(id), direction))
          cameras.set(cameraId, new CameraHeartbeats(world, effects, country, id, cameraId));
  const feeds = new Map<string, DeclarationHeartbeats>();
  for (const id of scenarioPostIds(scenario))
    for (const country of COUNTRIES)
      feeds.set(feedKey(country, id), new DeclarationHeartbeats(world, effects, country, id));
  const firings = new Map<string, Array<{ slot: Slot; d: QueuedDraft }>>();
  const sequences = new Map<string, number>();
  let ready: Queued[] = [];
  /** The last read or declaration delivered so far: every feed heartbeats until just after it (`lastDeliveryOf`). */
  let lastRecord = -Infinity;

  const queue = (e: Sortable) => {
    ready.push({ ...e, side: e.event.data.country === 'UA' ? 0 : 1 });
    const type = e.event.type;
    if (type === 'PlateRead' || type === 'CustomsDeclaration')
      lastRecord = Math.max(lastRecord, e.deliverAt);
  };
  const fire = (slots: Slot[], d: QueuedDraft) => {
    for (const slot of slots) {
      let list = firings.get(slot.cameraId);
      if (!list) firings.set(slot.cameraId, (list = []));
      list.push({ slot, d });
    }
  };
  const lodge = (d: QueuedDraft) => {
    const decl = finishDeclarations(d, finish);
    if (!decl) return;
    const route = {
      crossingPoint: d.point.id,
      exitCountry: d.exitCountry,
      entryCountry: otherCountry(d.exitCountry),
    };
    queue(declarationSortable(route, decl.mrn, 'EXPORT', decl.export));
    feeds.get(feedKey(route.exitCountry, route.crossingPoint))!.add(decl.export);
    if (!decl.import) return;
    queue(declarationSortable(route, decl.mrn, 'IMPORT', decl.import));
    feeds.get(feedKey(route.entryCountry, route.crossingPoint))!.add(decl.import);
  };
  const admit = (d: TripDraft, i: number) => {
    const exited: QueuedDraft = { ...d, plannedEntryTime: null, queueWaitMs: 0 };
    fire(exitSlotsOf(exited, i, captures), exited);
    if (d.noShow) lodge(exited);
    else waiting.push({ d, i });
  };
  const pass = (d: TripDraft, i: number) => {
    const entry = gates.pass(gateArrivalOf(d));
    const q: QueuedDraft = { ...d, plannedEntryTime: entry, queueWaitMs: entry - d.readyAt };
    fire(entrySlotsOf(q, i, captures), q);
    lodge(q);
  };
  /** Numbers every firing before `until`: none still to come can be earlier. */
  const number = (until: number) => {
    for (const [cameraId, list] of firings) {
      list.sort((a, b) => compareSlots(a.slot, b.slot));
      let k = 0;
      for (; k < list.length && list[k]!.slot.time < until; k++) {
        const { slot, d } = list[k]!;
        const sequence = sequences.get(cameraId) ?? 0;
        sequences.set(cameraId, sequence + 1);
        const capture = captureOf(d, slot, sequence, captures);
        const vehicle = {
          plate: d.plate,
          nationality: d.nationality,
          crossingPoint: d.point.id,
          category: d.category,
        };
        queue(readSortable(observer, vehicle, capture));
        cameras.get(cameraId)!.add(capture);
      }
      if (k > 0) list.splice(0, k);
    }
  };

  let index = 0;
  let next = source.next();
  for (let frontier = start + chunkMs; ; frontier += chunkMs) {
    while (next && next.exitTime < frontier) {
      admit(next, index++);
      next = source.next();
    }
    // Trips still to come exit at or after `exited` and reach an entry control later still.
    const exited = next ? next.exitTime : Infinity;
    while (waiting.size > 0 && waiting.peek().d.readyAt < exited) {
      const { d, i } = waiting.pop();
      pass(d, i);
    }
    const firstWaiting = waiting.size > 0 ? waiting.peek().d.readyAt : Infinity;
    const numbered = Math.min(exited, firstWaiting) - SLOT_LEAD_MS;
    number(numbered);
    // Every trip is out and every read numbered: the traffic's last delivery is known, and the
    // heartbeats go on past the end up to it (until now none was due past the end).
    if (numbered === Infinity) {
      const last = closingDelivery(finalHeartbeatDelivery(effects, end), lastRecord);
      for (const camera of cameras.values()) camera.closeAt(last);
      for (const feed of feeds.values()) feed.closeAt(last);
    }
    for (const camera of cameras.values())
      for (const beat of camera.before(numbered)) queue(heartbeatSortable(beat));
    // Every declaration lodged before `lodged` is known: the rest come with trips still waiting
    // at an entry control (import lodged after export) or yet to exit.
    let lodged = exited - EXPORT_LEAD_MS;
    for (const { d } of waiting.items())
      if (d.baseDeclarations) lodged = Math.min(lodged, d.baseDeclarations.export.lodgedAt);
    for (const feed of feeds.values())
      for (const beat of feed.before(lodged)) queue(declarationHeartbeatSortable(beat));
    // A declaration is published no earlier than lodged, so none still to come precedes `safe`.
    const safe = Math.min(numbered, lodged - 1);
    ready.sort(compareQueued);
    let k = 0;
    while (k < ready.length && ready[k]!.deliverAt < safe) {
      const { deliverAt, event } = ready[k++]!;
      yield { deliverAt, event };
    }
    ready = k === ready.length ? [] : ready.slice(k);
    if (safe === Infinity) return;
  }
}

const feedKey = (country: Country, crossingPointId: string) => `${country}:${crossingPointId}`;

/** A binary min-heap: the trips waiting at the entry controls, first to arrive on top. */
class MinHeap<T> {
  private readonly heap: T[] = [];

  constructor(private readonly less: (a: T, b: T) => number) {}

  get size(): number {
    return this.heap.length;
  }

  items(): readonly T[] {
    return this.heap;
  }

  peek(): T {
    return this.heap[0]!;
  }

  push(item: T): void {
    const h = this.heap;
    h.push(item);
    for (let i = h.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (this.less(h[i]!, h[parent]!) >= 0) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  pop(): T {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!) < 0) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!) < 0) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
