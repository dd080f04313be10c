import {
  cameraIdFor,
  otherCountry,
  type Country,
  type CrossingPoint,
  type Direction,
  type VehicleCategory,
} from '@uamd/domain';
import { type IncidentEffects } from './incidents';
import { type NoiseConfig } from './noise';
import { createRng } from './prng';
import { type Capture, type Passage, type ReadKind } from './world';

const MINUTE = 60_000;
const KIND_ORDER: Readonly<Record<ReadKind, number>> = { primary: 0, repeat: 1, 'other-lane': 2 };

/** What `assignCaptures` needs of a trip. */
export interface PassageDraft {
  tripId: string;
  point: CrossingPoint;
  exitCountry: Country;
  category: VehicleCategory;
  exitTime: number;
  /** True entry time, null for a no-show. */
  plannedEntryTime: number | null;
}

export interface CaptureSettings {
  seed: number;
  end: number;
  noise: NoiseConfig;
  /** Camera clock offsets by camera id (`cameraClockOffsets`). */
  clockOffsets: Readonly<Record<string, number>>;
  /** Cameras down, clocks drifting, feeds late. */
  effects: IncidentEffects;
}

/** Trucks use the heavy lane L2 where the side has one, everything else L1. */
export function laneFor(category: VehicleCategory, lanes: readonly string[]): string {
  const wanted = category === 'TRUCK' ? 'L2' : 'L1';
  return lanes.includes(wanted) ? wanted : lanes[0]!;
}

/** One camera firing, before its sequence number is known. */
export interface Slot {
  /** Index of the trip in exit order: breaks ties between vehicles at the same instant. */
  draft: number;
  direction: Direction;
  kind: ReadKind;
  cameraId: string;
  laneId: string;
  time: number;
}

/** The order in which a camera numbers its reads. */
export const compareSlots = (a: Slot, b: Slot): number =>
  a.time - b.time || a.draft - b.draft || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];

/**
 * The reads of every passage: the cameras that fire (a missed vehicle gives none, a duplicate one
 * more), and then per camera a gap-free sequence in capture order, the event id, the camera-clock
 * capture time and the delivery time. A missed vehicle uses no sequence number: the camera never
 * knew of it. Every draw is seeded by the trip and direction, so noise on one passage never moves
 * another.
 */
export function assignCaptures(
  drafts: readonly PassageDraft[],
  s: CaptureSettings,
): Array<{ exit: Passage; entry: Passage | null }> {
  const byCamera = new Map<string, Slot[]>();
  drafts.forEach((d, i) => {
    for (const slot of slotsOf(d, i, s)) {
      let slots = byCamera.get(slot.cameraId);
      if (!slots) byCamera.set(slot.cameraId, (slots = []));
      slots.push(slot);
    }
  });

  const passages = drafts.map((d): { exit: Passage; entry: Passage | null } => ({
    exit: { country: d.exitCountry, direction: 'EXIT', time: d.exitTime, reads: [] },
    entry: entersInScenario(d, s)
      ? {
          country: otherCountry(d.exitCountry),
          direction: 'ENTRY',
          time: d.plannedEntryTime,
          reads: [],
        }
      : null,
  }));
  for (const slots of byCamera.values()) {
    slots.sort(compareSlots);
    slots.forEach((slot, sequence) => {
      const passage = passages[slot.draft]![slot.direction === 'EXIT' ? 'exit' : 'entry']!;
      passage.reads.push(captureOf(drafts[slot.draft]!, slot, sequence, s));
    });
  }
  for (const p of passages)
    for (const passage of [p.exit, p.entry])
      passage?.reads.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return passages;
}

const entersInScenario = (
  d: PassageDraft,
  s: CaptureSettings,
): d is PassageDraft & { plannedEntryTime: number } =>
  d.plannedEntryTime !== null && d.plannedEntryTime <= s.end;

/** Every camera firing of a trip, exit and (when inside the scenario) entry; `draft` is its index in exit order. */
export function slotsOf(d: PassageDraft, draft: number, s: CaptureSettings): Slot[] {
  return [...exitSlotsOf(d, draft, s), ...entrySlotsOf(d, draft, s)];
}

export function exitSlotsOf(d: PassageDraft, draft: number, s: CaptureSettings): Slot[] {
  return passageSlots(d, draft, 'EXIT', d.exitTime, s);
}

/** None for a no-show or an entry after the scenario end. */
export function entrySlotsOf(d: PassageDraft, draft: number, s: CaptureSettings): Slot[] {
  return entersInScenario(d, s) ? passageSlots(d, draft, 'ENTRY', d.plannedEntryTime, s) : [];
}

/** The read a firing gives once its camera has numbered it. */
export function captureOf(
  d: PassageDraft,
  slot: Slot,
  sequence: number,
  s: CaptureSettings,
): Capture {
  const { lateDeliveryRate, lateDelayMinutes } = s.noise;
  const rng = createRng(s.seed, `delivery:${d.tripId}:${slot.direction}:${slot.kind}`);
  const late = rng.chance(lateDeliveryRate);
  const delay = late
    ? Math.round(rng.uniform(lateDelayMinutes[0], lateDelayMinutes[1]) * MINUTE)
    : 0;
  const country = countryOf(d, slot.direction);
  const cameraId = slot.cameraId;
  // A read held by the camera past the start of an outage goes out when the camera is back.
  const sentAt = s.effects.cameraSendsAt(cameraId, slot.time + delay);
  return {
    eventId: `s${s.seed}.${cameraId}.${sequence}`,
    country,
    direction: slot.direction,
    cameraId,
    laneId: slot.laneId,
    sequence,
    kind: slot.kind,
    trueTime: slot.time,
    captureTime:
      slot.time + (s.clockOffsets[cameraId] ?? 0) + s.effects.clockDriftAt(cameraId, slot.time),
    deliverAt: s.effects.feedDeliversAt(country, sentAt),
  };
}

function countryOf(d: PassageDraft, direction: Direction): Country {
  return direction === 'EXIT' ? d.exitCountry : otherCountry(d.exitCountry);
}

/**
 * The camera firings of one passage: none when missed, else the primary read and its duplicates;
 * a camera that is down does not see the vehicle (no read, no sequence number).
 */
function passageSlots(
  d: PassageDraft,
  draft: number,
  direction: Direction,
  time: number,
  s: CaptureSettings,
): Slot[] {
  const n = s.noise;
  const rng = createRng(s.seed, `passage:${d.tripId}:${direction}`);
  if (rng.chance(n.missedCaptureRate)) return [];
  const country = countryOf(d, direction);
  const lanes = d.point.sides[country].lanes;
  const slot = (kind: ReadKind, laneId: string, at: number): Slot => ({
    draft,
    direction,
    kind,
    cameraId: cameraIdFor(country, d.point, direction, laneId),
    laneId,
    time: at,
  });
  const laneId = laneFor(d.category, lanes);
  const slots: Slot[] = [slot('primary', laneId, time)];
  if (rng.chance(n.repeatReadRate)) {
    const repeatAt = time + Math.round(rng.uniform(500, 3000));
    // A repeat after the scenario end would never be vouched for by a heartbeat.
    if (repeatAt <= s.end) slots.push(slot('repeat', laneId, repeatAt));
  }
  const otherLane = lanes.find((l) => l !== laneId);
  if (otherLane !== undefined && rng.chance(n.otherLaneReadRate)) {
    const at = Math.min(s.end, time + Math.round(rng.uniform(-1000, 1000)));
    slots.push(slot('other-lane', otherLane, at));
  }
  return slots.filter((x) => !s.effects.cameraDownAt(x.cameraId, x.time));
}
