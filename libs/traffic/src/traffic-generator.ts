import {
  cameraIdFor,
  crossingPoint,
  otherCountry,
  type Country,
  type CrossingPoint,
  type Direction,
  type VehicleCategory,
} from '@uamd/domain';
import { generatePlate, type PlateNationality } from './plates';
import { createRng, type Rng } from './prng';
import { scenarioEnd, scenarioPostIds, type Scenario } from './scenarios';
import { CATEGORY_MIX, drawDeclarations, drawTransitMs, drawUniquePlate } from './trip-draws';
import { type Capture, type Trip, type TripDeclarations, type World } from './world';

const MINUTE = 60_000;

/** A trip before camera sequences are known (they depend on every other trip at the camera). */
interface TripDraft {
  tripId: string;
  point: CrossingPoint;
  exitCountry: Country;
  plate: string;
  nationality: PlateNationality;
  category: VehicleCategory;
  exitTime: number;
  plannedEntryTime: number | null;
  declarations: TripDeclarations | null;
}

/** Trucks use the heavy lane L2 where the side has one, everything else L1. */
export function laneFor(category: VehicleCategory, lanes: readonly string[]): string {
  const wanted = category === 'TRUCK' ? 'L2' : 'L1';
  return lanes.includes(wanted) ? wanted : lanes[0]!;
}

/** The true trips of a scenario: pure and seeded, so both services agree on the world (DESIGN.md §6). */
export function generateWorld(scenario: Scenario, seed: number): World {
  const start = scenario.start;
  const end = scenarioEnd(scenario);
  const year2 = String(new Date(start).getUTCFullYear()).slice(2);
  const usedPlates = new Set<string>();
  const drafts: TripDraft[] = [];
  for (const id of scenarioPostIds(scenario)) {
    const point = crossingPoint(id);
    // One stream per post: a change at one post leaves the others' traffic as it was.
    const rng = createRng(seed, `post:${id}`);
    const perMs = ((point.vehiclesPerDay / 1440) * scenario.volumeFactor) / MINUTE;
    let serial = 0;
    for (let t = start + rng.exponential(perMs); t < end; t += rng.exponential(perMs)) {
      drafts.push(
        drawTrip(rng, {
          scenario,
          seed,
          point,
          serial: serial++,
          exitTime: Math.floor(t),
          end,
          year2,
          usedPlates,
        }),
      );
    }
  }
  drafts.sort((a, b) => a.exitTime - b.exitTime || a.point.index - b.point.index);
  return { scenario, seed, start, end, trips: assignCaptures(drafts, seed, end) };
}

interface DraftContext {
  scenario: Scenario;
  seed: number;
  point: CrossingPoint;
  serial: number;
  exitTime: number;
  end: number;
  year2: string;
  usedPlates: Set<string>;
}

function drawTrip(rng: Rng, c: DraftContext): TripDraft {
  const exitCountry: Country = rng.chance(0.5) ? 'UA' : 'MD';
  const category = rng.weighted(CATEGORY_MIX);
  const { plate, nationality } = drawUniquePlate(rng, c.usedPlates);
  const transitMs = drawTransitMs(rng, c.point.transit[exitCountry], category);
  const noShow = rng.chance(c.scenario.noShowShare);
  const plannedEntryTime = c.exitTime + transitMs;
  let declarations: TripDeclarations | null = null;
  if (category === 'TRUCK') {
    const trailerPlate = rng.chance(0.75) ? generatePlate(rng, nationality) : null;
    declarations = drawDeclarations(
      rng,
      { ...c, exitCountry, entryCountry: otherCountry(exitCountry), plate, plannedEntryTime },
      trailerPlate,
    );
  }
  return {
    tripId: `s${c.seed}.trip.${c.point.index}.${c.serial}`,
    point: c.point,
    exitCountry,
    plate,
    nationality,
    category,
    exitTime: c.exitTime,
    plannedEntryTime: noShow ? null : plannedEntryTime,
    declarations,
  };
}

interface Slot {
  draft: number;
  direction: Direction;
  time: number;
}

/** Gives every observed capture its camera, a gap-free per-camera sequence in capture order, and its event id. */
function assignCaptures(drafts: readonly TripDraft[], seed: number, end: number): Trip[] {
  const byCamera = new Map<string, Slot[]>();
  const cameraOf = (
    d: TripDraft,
    direction: Direction,
  ): { cameraId: string; laneId: string; country: Country } => {
    const country = direction === 'EXIT' ? d.exitCountry : otherCountry(d.exitCountry);
    const laneId = laneFor(d.category, d.point.sides[country].lanes);
    return { cameraId: cameraIdFor(country, d.point, direction, laneId), laneId, country };
  };
  const addSlot = (slot: Slot): void => {
    const { cameraId } = cameraOf(drafts[slot.draft]!, slot.direction);
    let slots = byCamera.get(cameraId);
    if (!slots) byCamera.set(cameraId, (slots = []));
    slots.push(slot);
  };
  drafts.forEach((d, i) => {
    addSlot({ draft: i, direction: 'EXIT', time: d.exitTime });
    if (d.plannedEntryTime !== null && d.plannedEntryTime <= end)
      addSlot({ draft: i, direction: 'ENTRY', time: d.plannedEntryTime });
  });

  const captures = drafts.map(() => ({
    exit: null as Capture | null,
    entry: null as Capture | null,
  }));
  for (const [cameraId, slots] of byCamera) {
    slots.sort((a, b) => a.time - b.time || a.draft - b.draft);
    slots.forEach((slot, sequence) => {
      const { laneId, country } = cameraOf(drafts[slot.draft]!, slot.direction);
      const capture: Capture = {
        eventId: `s${seed}.${cameraId}.${sequence}`,
        country,
        direction: slot.direction,
        cameraId,
        laneId,
        sequence,
        captureTime: slot.time,
      };
      captures[slot.draft]![slot.direction === 'EXIT' ? 'exit' : 'entry'] = capture;
    });
  }

  return drafts.map((d, i): Trip => ({
    tripId: d.tripId,
    crossingPoint: d.point.id,
    exitCountry: d.exitCountry,
    entryCountry: otherCountry(d.exitCountry),
    plate: d.plate,
    nationality: d.nationality,
    category: d.category,
    noShow: d.plannedEntryTime === null,
    plannedEntryTime: d.plannedEntryTime,
    exit: captures[i]!.exit!,
    entry: captures[i]!.entry,
    declarations: d.declarations,
  }));
}
