import {
  crossingPoint,
  otherCountry,
  type Country,
  type CrossingPoint,
  type VehicleCategory,
} from '@uamd/domain';
import { PostArrivals, type Arrival } from './arrivals';
import { cameraClockOffsets } from './camera-clocks';
import { assignCaptures } from './captures';
import { varyDeclarations } from './declaration-variants';
import { EntryGates } from './entry-gates';
import { tripIncidents } from './incident-truth';
import { IncidentEffects } from './incidents';
import { generatePlate, type PlateNationality } from './plates';
import { createRng, type Rng } from './prng';
import { scenarioEnd, scenarioPostIds, type Scenario } from './scenarios';
import { drawDeclarations, drawTransitMs, PlateRegistry } from './trip-draws';
import { type Trip, type TripDeclarations, type World } from './world';

export { laneFor } from './captures';

/** A trip before its entry (which waits for the queue) and camera sequences are known. */
export interface TripDraft {
  tripId: string;
  point: CrossingPoint;
  exitCountry: Country;
  plate: string;
  nationality: PlateNationality;
  category: VehicleCategory;
  divertedFrom: string | null;
  exitTime: number;
  noShow: boolean;
  /** When the vehicle joins the line at the entry control (also for a no-show: its paperwork expects it then). */
  readyAt: number;
  /** Drawn with the trip; varied by declarants once the entry is known. */
  baseDeclarations: TripDeclarations | null;
}

/** A draft with its entry decided by the queue. */
export interface QueuedDraft extends TripDraft {
  /** True time it passes the entry camera; null for a no-show. */
  plannedEntryTime: number | null;
  queueWaitMs: number;
}

/**
 * The true trips of a scenario and the camera reads of them: pure and seeded, so both services
 * agree on the world, noise and incidents included (docs/design.md §6).
 */
export function generateWorld(scenario: Scenario, seed: number): World {
  const start = scenario.start;
  const end = scenarioEnd(scenario);
  const effects = new IncidentEffects(scenario.incidents);
  const drafts: TripDraft[] = [];
  const source = new TripSource(scenario, seed, effects);
  for (let d = source.next(); d; d = source.next()) drafts.push(d);
  const queued = queueAtEntry(drafts, effects, scenario.entryCapacityFactor ?? 1);
  const clockOffsets = cameraClockOffsets(scenario, seed);
  const passages = assignCaptures(queued, {
    seed,
    end,
    noise: scenario.noise,
    clockOffsets,
    effects,
  });
  const trips = queued.map((d, i) => finishTrip(d, passages[i]!, { scenario, seed, end, effects }));
  return { scenario, seed, start, end, clockOffsets, trips };
}

/**
 * Every post's trips merged in exit order (ties by post): each post draws from its own stream,
 * only the plate registry is shared, so the merge order is part of the world's definition.
 */
export class TripSource {
  private readonly posts: Array<{ arrivals: PostArrivals; head: Arrival | null; serial: number }>;
  private readonly plates = new PlateRegistry();
  private readonly year2: string;
  private readonly end: number;

  constructor(
    private readonly scenario: Scenario,
    private readonly seed: number,
    effects: IncidentEffects,
  ) {
    this.end = scenarioEnd(scenario);
    this.year2 = String(new Date(scenario.start).getUTCFullYear()).slice(2);
    const postIds = scenarioPostIds(scenario);
    const settings = {
      end: this.end,
      volumeFactor: scenario.volumeFactor,
      categoryFactors: scenario.categoryFactors ?? {},
      postIds,
      effects,
    };
    this.posts = postIds.map((id) => {
      const arrivals = new PostArrivals(
        crossingPoint(id),
        createRng(seed, `post:${id}`),
        scenario.start,
        settings,
      );
      return { arrivals, head: arrivals.next(), serial: 0 };
    });
  }

  next(): TripDraft | null {
    let best: (typeof this.posts)[number] | undefined;
    for (const p of this.posts)
      if (p.head && (!best?.head || p.head.time < best.head.time)) best = p;
    if (!best?.head) return null;
    const arrival = best.head;
    const draft = drawTrip(best.arrivals.rng, arrival, {
      scenario: this.scenario,
      seed: this.seed,
      serial: best.serial++,
      end: this.end,
      year2: this.year2,
      plates: this.plates,
    });
    best.head = best.arrivals.next();
    return draft;
  }
}

/** Entries decided at each post's entry control, in order of arrival there (ties in trip order). */
export function queueAtEntry(
  drafts: readonly TripDraft[],
  effects: IncidentEffects,
  capacityFactor = 1,
): QueuedDraft[] {
  const gates = new EntryGates(effects, capacityFactor);
  const entry = new Array<number | null>(drafts.length).fill(null);
  const order = drafts
    .map((_, i) => i)
    .filter((i) => !drafts[i]!.noShow)
    .sort((a, b) => drafts[a]!.readyAt - drafts[b]!.readyAt || a - b);
  for (const i of order) entry[i] = gates.pass(gateArrivalOf(drafts[i]!));
  return drafts.map((d, i) => ({
    ...d,
    plannedEntryTime: entry[i]!,
    queueWaitMs: entry[i] === null ? 0 : entry[i]! - d.readyAt,
  }));
}

export function gateArrivalOf(d: TripDraft) {
  return {
    crossingPointId: d.point.id,
    entryCountry: otherCountry(d.exitCountry),
    category: d.category,
    readyAt: d.readyAt,
  };
}

interface DraftContext {
  scenario: Scenario;
  seed: number;
  serial: number;
  end: number;
  year2: string;
  plates: PlateRegistry;
}

function drawTrip(rng: Rng, arrival: Arrival, c: DraftContext): TripDraft {
  const point = arrival.point;
  const exitTime = Math.floor(arrival.time);
  const category = arrival.category;
  const exitCountry: Country = rng.chance(0.5) ? 'UA' : 'MD';
  const { plate, nationality } = c.plates.draw(rng, exitTime);
  const readyAt = exitTime + drawTransitMs(rng, point.transit[exitCountry], category);
  const noShow = rng.chance(c.scenario.noShowShare);
  let baseDeclarations: TripDeclarations | null = null;
  if (category === 'TRUCK') {
    const trailerPlate = rng.chance(0.75) ? generatePlate(rng, nationality) : null;
    baseDeclarations = drawDeclarations(
      rng,
      {
        seed: c.seed,
        point,
        serial: c.serial,
        end: c.end,
        year2: c.year2,
        exitCountry,
        entryCountry: otherCountry(exitCountry),
        plate,
        exitTime,
        plannedEntryTime: readyAt,
      },
      trailerPlate,
    );
  }
  return {
    tripId: `s${c.seed}.trip.${point.index}.${c.serial}`,
    point,
    exitCountry,
    plate,
    nationality,
    category,
    divertedFrom: arrival.divertedFrom,
    exitTime,
    noShow,
    readyAt,
    baseDeclarations,
  };
}

export interface FinishContext {
  scenario: Scenario;
  seed: number;
  end: number;
  effects: IncidentEffects;
}

/** The trip as the world records it: declarants' variations (which need the real entry) and publication times. */
export function finishTrip(
  d: QueuedDraft,
  passages: Pick<Trip, 'exit' | 'entry'>,
  c: FinishContext,
): Trip {
  const declarations = finishDeclarations(d, c);
  const facts = {
    crossingPoint: d.point.id,
    exitCountry: d.exitCountry,
    category: d.category,
    divertedFrom: d.divertedFrom,
    readyAt: d.readyAt,
    plannedEntryTime: d.plannedEntryTime,
    exit: passages.exit,
    entry: passages.entry,
    declarations,
  };
  return {
    tripId: d.tripId,
    crossingPoint: d.point.id,
    exitCountry: d.exitCountry,
    entryCountry: otherCountry(d.exitCountry),
    plate: d.plate,
    nationality: d.nationality,
    category: d.category,
    noShow: d.noShow,
    plannedEntryTime: d.plannedEntryTime,
    queueWaitMs: d.queueWaitMs,
    divertedFrom: d.divertedFrom,
    exit: passages.exit,
    entry: passages.entry,
    declarations,
    incidents: tripIncidents(facts, c.effects),
  };
}

/** A load's paperwork once its entry is known: declarants' variations, then when each is published. */
export function finishDeclarations(d: QueuedDraft, c: FinishContext): TripDeclarations | null {
  if (!d.baseDeclarations) return null;
  // Own stream: what declarants do never shifts the traffic of the post.
  const varied = varyDeclarations(
    createRng(c.seed, `declarations:${d.baseDeclarations.mrn}`),
    d.baseDeclarations,
    c.scenario.noise.declarations,
    { nationality: d.nationality, plannedEntryTime: d.plannedEntryTime ?? d.readyAt, end: c.end },
  );
  return {
    ...varied,
    export: {
      ...varied.export,
      publishedAt: c.effects.declarationPublishedAt(d.exitCountry, varied.export.lodgedAt),
    },
    import: varied.import && {
      ...varied.import,
      publishedAt: c.effects.declarationPublishedAt(
        otherCountry(d.exitCountry),
        varied.import.lodgedAt,
      ),
    },
  };
}
