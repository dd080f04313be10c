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

interface Slot {
  draft: number;
  direction: Direction;
  kind: ReadKind;
  laneId: string;
  time: number;
}

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
  const cameraOf = (d: PassageDraft, direction: Direction, laneId: string) =>
    cameraIdFor(countryOf(d, direction), d.point, direction, laneId);
  const addSlot = (slot: Slot): void => {
    const cameraId = cameraOf(drafts[slot.draft]!, slot.direction, slot.laneId);
    // A camera that is down does not see the vehicle: no read, no sequence number.
    if (s.effects.cameraDownAt(cameraId, slot.time)) return;
    let slots = byCamera.get(cameraId);
    if (!slots) byCamera.set(cameraId, (slots = []));
    slots.push(slot);
  };
  drafts.forEach((d, i) => {
    for (const slot of passageSlots(d, i, 'EXIT', d.exitTime, s)) addSlot(slot);
    if (d.plannedEntryTime !== null && d.plannedEntryTime <= s.end)
      for (const slot of passageSlots(d, i, 'ENTRY', d.plannedEntryTime, s)) addSlot(slot);
  });

  const passages = drafts.map((d): { exit: Passage; entry: Passage | null } => ({
    exit: { country: d.exitCountry, direction: 'EXIT', time: d.exitTime, reads: [] },
    entry:
      d.plannedEntryTime !== null && d.plannedEntryTime <= s.end
        ? {
            country: otherCountry(d.exitCountry),
            direction: 'ENTRY',
            time: d.plannedEntryTime,
            reads: [],
          }
        : null,
  }));
  const { lateDeliveryRate, lateDelayMinutes } = s.noise;
  for (const [cameraId, slots] of byCamera) {
    slots.sort(
      (a, b) => a.time - b.time || a.draft - b.draft || KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
    );
    slots.forEach((slot, sequence) => {
      const d = drafts[slot.draft]!;
      const rng = createRng(s.seed, `delivery:${d.tripId}:${slot.direction}:${slot.kind}`);
      const late = rng.chance(lateDeliveryRate);
      const delay = late
        ? Math.round(rng.uniform(lateDelayMinutes[0], lateDelayMinutes[1]) * MINUTE)
        : 0;
      const country = countryOf(d, slot.direction);
      // A read held by the camera past the start of an outage goes out when the camera is back.
      const sentAt = s.effects.cameraSendsAt(cameraId, slot.time + delay);
      const capture: Capture = {
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
      const passage = passages[slot.draft]![slot.direction === 'EXIT' ? 'exit' : 'entry']!;
      passage.reads.push(capture);
    });
  }
  for (const p of passages)
    for (const passage of [p.exit, p.entry])
      passage?.reads.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  return passages;
}

function countryOf(d: PassageDraft, direction: Direction): Country {
  return direction === 'EXIT' ? d.exitCountry : otherCountry(d.exitCountry);
}

/** The camera firings of one passage: none when missed, else the primary read and its duplicates. */
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
  const lanes = d.point.sides[countryOf(d, direction)].lanes;
  const laneId = laneFor(d.category, lanes);
  const slots: Slot[] = [{ draft, direction, kind: 'primary', laneId, time }];
  if (rng.chance(n.repeatReadRate)) {
    const repeatAt = time + Math.round(rng.uniform(500, 3000));
    // A repeat after the scenario end would never be vouched for by a heartbeat.
    if (repeatAt <= s.end) slots.push({ draft, direction, kind: 'repeat', laneId, time: repeatAt });
  }
  const otherLane = lanes.find((l) => l !== laneId);
  if (otherLane !== undefined && rng.chance(n.otherLaneReadRate)) {
    const at = Math.min(s.end, time + Math.round(rng.uniform(-1000, 1000)));
    slots.push({ draft, direction, kind: 'other-lane', laneId: otherLane, time: at });
  }
  return slots;
}
