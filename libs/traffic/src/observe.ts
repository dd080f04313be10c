import {
  type Country,
  type CustomsDeclaration,
  type InputEvent,
  type PlateRead,
  type VehicleCategory,
} from '@uamd/domain';
import { declarationHeartbeatsOf, type TimedDeclarationHeartbeat } from './declaration-heartbeats';
import { heartbeatsOf, type TimedHeartbeat } from './heartbeats';
import { type NoiseConfig } from './noise';
import { misreadPlate } from './plate-misreads';
import { renderPlateText } from './plate-rendering';
import { createRng, type Rng } from './prng';
import { mergeSides } from './side-streams';
import { injectViolations } from './violations/inject';
import { type Capture, type DeclarationLodgement, type Trip, type World } from './world';

/** An event and the simulated time its service publishes it. */
export interface ObservedEvent {
  deliverAt: number;
  event: InputEvent;
}

/** An observed event with what orders it among its side's events. */
export interface Sortable extends ObservedEvent {
  /**
   * Declarations, then reads, then camera heartbeats, then declaration heartbeats at the same
   * instant: a heartbeat vouches for the events before it.
   */
  rank: number;
  key: string;
  n: number;
}

/** Publishing order within one side: a total order (no two events share all four keys). */
export const compareObserved = (a: Sortable, b: Sortable): number =>
  a.deliverAt - b.deliverAt || a.rank - b.rank || compareStrings(a.key, b.key) || a.n - b.n;

/** What a plate read needs of its trip. */
export type Vehicle = Pick<Trip, 'plate' | 'nationality' | 'crossingPoint' | 'category'>;
/** What a declaration needs of its trip. */
export type Route = Pick<Trip, 'crossingPoint' | 'exitCountry' | 'entryCountry'>;
/** What the observations need of the world. */
export type Observer = Pick<World, 'seed' | 'scenario'>;

/**
 * One side's observations of the world, in publishing order (docs/design.md §6: observed twice,
 * once per side), with the scenario's violations of that side's feeds injected.
 */
export function observeSide(world: World, country: Country): ObservedEvent[] {
  const out: Sortable[] = [];
  for (const trip of world.trips) {
    for (const passage of [trip.exit, trip.entry]) {
      if (passage?.country !== country) continue;
      for (const capture of passage.reads) {
        out.push(readSortable(world, trip, capture));
      }
    }
    const decl = trip.declarations;
    if (decl && trip.exitCountry === country)
      out.push(declarationSortable(trip, decl.mrn, 'EXPORT', decl.export));
    if (decl?.import && trip.entryCountry === country)
      out.push(declarationSortable(trip, decl.mrn, 'IMPORT', decl.import));
  }
  for (const beat of heartbeatsOf(world, country)) out.push(heartbeatSortable(beat));
  for (const beat of declarationHeartbeatsOf(world, country))
    out.push(declarationHeartbeatSortable(beat));
  out.sort(compareObserved);
  const events = out.map(({ deliverAt, event }) => ({ deliverAt, event }));
  const violations = world.scenario.violations ?? [];
  if (violations.length === 0) return events;
  return [...injectViolations(events, country, violations, world.seed)];
}

export function readSortable(world: Observer, vehicle: Vehicle, capture: Capture): Sortable {
  return {
    deliverAt: capture.deliverAt,
    rank: 1,
    key: capture.cameraId,
    n: capture.sequence,
    event: plateRead(world, vehicle, capture),
  };
}

export function heartbeatSortable({ sentAt, heartbeat }: TimedHeartbeat): Sortable {
  return {
    deliverAt: sentAt,
    rank: 2,
    key: heartbeat.cameraId,
    n: sentAt,
    event: { type: 'CameraHeartbeat', data: heartbeat },
  };
}

export function declarationHeartbeatSortable({
  deliverAt,
  heartbeat,
}: TimedDeclarationHeartbeat): Sortable {
  return {
    deliverAt,
    rank: 3,
    key: heartbeat.crossingPoint,
    n: deliverAt,
    event: { type: 'DeclarationHeartbeat', data: heartbeat },
  };
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Float32 on the wire: rounding here keeps a decoded event deep-equal to the generated one. */
const confidence = (x: number) => Math.fround(Math.round(x * 1000) / 1000);

function plateRead(world: Observer, trip: Vehicle, capture: Capture): InputEvent {
  // Seeded by the event id, so a read looks the same however the rest of the world changes;
  // the noise has its own stream, so a world without noise reads exactly as before it existed.
  const rng = createRng(world.seed, capture.eventId);
  const noiseRng = createRng(world.seed, `${capture.eventId}#noise`);
  const noise = world.scenario.noise;
  const seen = misreadPlate(noiseRng, trip.plate, {
    misreadRate: noise.misreadRate[capture.country],
    inClassShare: noise.inClassShare,
    dropInsertRate: noise.dropInsertRate,
  });
  const plateText = renderPlateText(rng, seen.plate, {
    cameraCountry: capture.country,
    nationality: trip.nationality,
    cyrillicShareUa: world.scenario.cyrillicShareUa,
  });
  const clean = rng.uniform(0.85, 0.985);
  const altered = seen.substitutions > 0 || seen.lengthChanged;
  const data: PlateRead = {
    eventId: capture.eventId,
    country: capture.country,
    crossingPoint: trip.crossingPoint,
    laneId: capture.laneId,
    cameraId: capture.cameraId,
    sequence: capture.sequence,
    direction: capture.direction,
    plateText,
    plateNationality: noiseRng.chance(noise.nationalityMissingRate) ? null : trip.nationality,
    // A camera is less sure of what it misread: 0.55–0.845 against 0.85–0.985, apart even after rounding.
    ocrConfidence: confidence(altered ? noiseRng.uniform(0.55, 0.845) : clean),
    captureTime: capture.captureTime,
    vehicleCategory: readCategory(noiseRng, trip.category, noise),
  };
  return { type: 'PlateRead', data };
}

const CONFUSED_CATEGORY: Partial<Record<VehicleCategory, VehicleCategory>> = {
  CAR: 'VAN',
  VAN: 'CAR',
  TRUCK: 'BUS',
  BUS: 'TRUCK',
};

function readCategory(rng: Rng, category: VehicleCategory, noise: NoiseConfig): VehicleCategory {
  const u = rng.next();
  if (u < noise.categoryUnknownRate) return 'UNKNOWN';
  if (u < noise.categoryUnknownRate + noise.categoryConfusionRate)
    return CONFUSED_CATEGORY[category] ?? category;
  return category;
}

export function declarationSortable(
  trip: Route,
  mrn: string,
  kind: 'EXPORT' | 'IMPORT',
  lodgement: DeclarationLodgement,
): Sortable {
  const data: CustomsDeclaration = {
    eventId: lodgement.eventId,
    country: kind === 'EXPORT' ? trip.exitCountry : trip.entryCountry,
    crossingPoint: trip.crossingPoint,
    kind,
    mrn,
    tractorPlate: lodgement.tractorPlate,
    trailerPlate: lodgement.trailerPlate,
    goods: lodgement.goods.map((g) => ({ ...g, value: { ...g.value } })),
    lodgedAt: lodgement.lodgedAt,
    releasedAt: lodgement.releasedAt,
  };
  return {
    deliverAt: lodgement.publishedAt,
    rank: 0,
    key: mrn,
    n: 0,
    event: { type: 'CustomsDeclaration', data },
  };
}

/**
 * Both sides' observations in publishing order, as a replay or the offline reconciler takes
 * them: each side's own order kept, UA before MD at the same instant (the order
 * `streamObservedEvents` yields without holding the world).
 */
export function observeBothSides(world: World): ObservedEvent[] {
  return [...mergeSides(observeSide(world, 'UA'), observeSide(world, 'MD'))];
}
