import {
  crossingPoint,
  otherCountry,
  type Country,
  type CrossingPoint,
  type VehicleCategory,
} from '@uamd/domain';
import { cameraClockOffsets } from './camera-clocks';
import { assignCaptures } from './captures';
import { varyDeclarations } from './declaration-variants';
import { generatePlate, type PlateNationality } from './plates';
import { createRng, type Rng } from './prng';
import { scenarioEnd, scenarioPostIds, type Scenario } from './scenarios';
import { CATEGORY_MIX, drawDeclarations, drawTransitMs, drawUniquePlate } from './trip-draws';
import { type Trip, type TripDeclarations, type World } from './world';

export { laneFor } from './captures';

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

/**
 * The true trips of a scenario and the camera reads of them: pure and seeded, so both services
 * agree on the world, noise included (DESIGN.md §6).
 */
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
  const clockOffsets = cameraClockOffsets(scenario, seed);
  const passages = assignCaptures(drafts, { seed, end, noise: scenario.noise, clockOffsets });
  const trips = drafts.map((d, i): Trip => ({
    tripId: d.tripId,
    crossingPoint: d.point.id,
    exitCountry: d.exitCountry,
    entryCountry: otherCountry(d.exitCountry),
    plate: d.plate,
    nationality: d.nationality,
    category: d.category,
    noShow: d.plannedEntryTime === null,
    plannedEntryTime: d.plannedEntryTime,
    exit: passages[i]!.exit,
    entry: passages[i]!.entry,
    declarations: d.declarations,
  }));
  return { scenario, seed, start, end, clockOffsets, trips };
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
    const base = drawDeclarations(
      rng,
      { ...c, exitCountry, entryCountry: otherCountry(exitCountry), plate, plannedEntryTime },
      trailerPlate,
    );
    // Own stream: what declarants do never shifts the traffic of the post.
    declarations = varyDeclarations(
      createRng(c.seed, `declarations:${base.mrn}`),
      base,
      c.scenario.noise.declarations,
      { nationality, plannedEntryTime, end: c.end },
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
