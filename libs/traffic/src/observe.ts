import {
  type Country,
  type CustomsDeclaration,
  type InputEvent,
  type PlateRead,
} from '@uamd/domain';
import { heartbeatsOf } from './heartbeats';
import { renderPlateText } from './plate-rendering';
import { createRng } from './prng';
import { type Capture, type DeclarationLodgement, type Trip, type World } from './world';

/** An event and the simulated time its service publishes it. */
export interface ObservedEvent {
  deliverAt: number;
  event: InputEvent;
}

interface Sortable extends ObservedEvent {
  /** Declarations, then reads, then heartbeats at the same instant: a heartbeat vouches for the reads before it. */
  rank: number;
  key: string;
  n: number;
}

/** One side's observations of the world, in publishing order (DESIGN.md §6: observed twice, once per side). */
export function observeSide(world: World, country: Country): ObservedEvent[] {
  const out: Sortable[] = [];
  for (const trip of world.trips) {
    for (const capture of [trip.exit, trip.entry]) {
      if (capture?.country === country) {
        out.push({
          deliverAt: capture.captureTime,
          rank: 1,
          key: capture.cameraId,
          n: capture.sequence,
          event: plateRead(world, trip, capture),
        });
      }
    }
    const decl = trip.declarations;
    if (decl && trip.exitCountry === country) out.push(declaration(trip, 'EXPORT', decl.export));
    if (decl?.import && trip.entryCountry === country)
      out.push(declaration(trip, 'IMPORT', decl.import));
  }
  for (const hb of heartbeatsOf(world, country)) {
    out.push({
      deliverAt: hb.upTo,
      rank: 2,
      key: hb.cameraId,
      n: hb.upTo,
      event: { type: 'CameraHeartbeat', data: hb },
    });
  }
  out.sort(
    (a, b) =>
      a.deliverAt - b.deliverAt || a.rank - b.rank || compareStrings(a.key, b.key) || a.n - b.n,
  );
  return out.map(({ deliverAt, event }) => ({ deliverAt, event }));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function plateRead(world: World, trip: Trip, capture: Capture): InputEvent {
  // Seeded by the event id, so a read looks the same however the rest of the world changes.
  const rng = createRng(world.seed, capture.eventId);
  const data: PlateRead = {
    eventId: capture.eventId,
    country: capture.country,
    crossingPoint: trip.crossingPoint,
    laneId: capture.laneId,
    cameraId: capture.cameraId,
    sequence: capture.sequence,
    direction: capture.direction,
    plateText: renderPlateText(rng, trip.plate, {
      cameraCountry: capture.country,
      nationality: trip.nationality,
      cyrillicShareUa: world.scenario.cyrillicShareUa,
    }),
    plateNationality: trip.nationality,
    // Float32 on the wire: rounding here keeps a decoded event deep-equal to the generated one.
    ocrConfidence: Math.fround(Math.round(rng.uniform(0.85, 0.985) * 1000) / 1000),
    captureTime: capture.captureTime,
    vehicleCategory: trip.category,
  };
  return { type: 'PlateRead', data };
}

function declaration(
  trip: Trip,
  kind: 'EXPORT' | 'IMPORT',
  lodgement: DeclarationLodgement,
): Sortable {
  const decl = trip.declarations!;
  const data: CustomsDeclaration = {
    eventId: lodgement.eventId,
    country: kind === 'EXPORT' ? trip.exitCountry : trip.entryCountry,
    crossingPoint: trip.crossingPoint,
    kind,
    mrn: decl.mrn,
    tractorPlate: decl.tractorPlate,
    trailerPlate: decl.trailerPlate,
    goods: decl.goods.map((g) => ({ ...g, value: { ...g.value } })),
    lodgedAt: lodgement.lodgedAt,
    releasedAt: lodgement.releasedAt,
  };
  return {
    deliverAt: lodgement.lodgedAt,
    rank: 0,
    key: decl.mrn,
    n: 0,
    event: { type: 'CustomsDeclaration', data },
  };
}
