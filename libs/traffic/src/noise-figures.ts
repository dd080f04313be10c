import {
  areConfusable,
  COUNTRIES,
  normalisePlate,
  type DiscrepancyReason,
  type PlateRead,
} from '@uamd/domain';
import { DISCREPANCY_REASONS } from './declaration-variants';
import { observeSide } from './observe';
import { type Capture, type Trip, type World } from './world';

/** The noise a world really has, measured on its observed events against its true trips. */
export interface NoiseFigures {
  reads: number;
  /** Characters compared (reads of the plate's true length only). */
  characters: number;
  /** Share of those characters misread. */
  misreadShare: number;
  /** Share of the misreads that stay inside a confusion class. */
  inClassShare: number;
  /** Share of reads one character shorter or longer than the plate. */
  lengthChangedShare: number;
  /** Share of passages of a vehicle at a camera with no read at all. */
  missedShare: number;
  /** Extra reads (same camera again, or the other lane) per passage. */
  duplicateShare: number;
  lateShare: number;
  categoryWrongShare: number;
  nationalityMissingShare: number;
  /** Share of UA-registered plates read by UA cameras in Cyrillic or mixed script. */
  cyrillicShareUa: number;
  /** Largest difference between two cameras' clocks, ms. */
  clockSpreadMs: number;
  /** Share of declared trucks with each discrepancy injected. */
  discrepancyShare: Record<DiscrepancyReason, number>;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

export function measureNoise(world: World): NoiseFigures {
  const tripOf = new Map<string, { trip: Trip; capture: Capture }>();
  let passages = 0;
  let missed = 0;
  let extra = 0;
  for (const trip of world.trips)
    for (const passage of [trip.exit, trip.entry]) {
      if (!passage) continue;
      passages += 1;
      if (passage.reads.length === 0) missed += 1;
      extra += Math.max(0, passage.reads.length - 1);
      for (const capture of passage.reads) tripOf.set(capture.eventId, { trip, capture });
    }
  const reads: PlateRead[] = COUNTRIES.flatMap((c) =>
    observeSide(world, c).flatMap((o) => (o.event.type === 'PlateRead' ? [o.event.data] : [])),
  );
  let characters = 0;
  let misread = 0;
  let inClass = 0;
  let lengthChanged = 0;
  let late = 0;
  let categoryWrong = 0;
  let nationalityMissing = 0;
  let uaOnUa = 0;
  let cyrillic = 0;
  for (const r of reads) {
    const { trip, capture } = tripOf.get(r.eventId)!;
    const truth = normalisePlate(trip.plate);
    const seen = normalisePlate(r.plateText);
    if (seen.length !== truth.length) lengthChanged += 1;
    else {
      characters += truth.length;
      for (let i = 0; i < truth.length; i++) {
        if (seen[i] === truth[i]) continue;
        misread += 1;
        if (areConfusable(seen[i]!, truth[i]!)) inClass += 1;
      }
    }
    if (capture.deliverAt > capture.trueTime) late += 1;
    if (r.vehicleCategory !== trip.category) categoryWrong += 1;
    if (r.plateNationality === null) nationalityMissing += 1;
    if (r.country === 'UA' && trip.nationality === 'UA') {
      uaOnUa += 1;
      if (/[\u0400-\u04FF]/.test(r.plateText)) cyrillic += 1;
    }
  }
  const offsets = Object.values(world.clockOffsets);
  const trucks = world.trips.filter((t) => t.declarations !== null);
  const discrepancyShare = Object.fromEntries(
    DISCREPANCY_REASONS.map((reason) => [
      reason,
      share(trucks.filter((t) => t.declarations!.injected.includes(reason)).length, trucks.length),
    ]),
  ) as Record<DiscrepancyReason, number>;
  return {
    reads: reads.length,
    characters,
    misreadShare: share(misread, characters),
    inClassShare: share(inClass, misread),
    lengthChangedShare: share(lengthChanged, reads.length),
    missedShare: share(missed, passages),
    duplicateShare: share(extra, passages),
    lateShare: share(late, reads.length),
    categoryWrongShare: share(categoryWrong, reads.length),
    nationalityMissingShare: share(nationalityMissing, reads.length),
    cyrillicShareUa: share(cyrillic, uaOnUa),
    clockSpreadMs: offsets.length ? Math.max(...offsets) - Math.min(...offsets) : 0,
    discrepancyShare,
  };
}
