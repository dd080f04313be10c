import { normalisePlate, type Country, type VehicleCategory } from '@uamd/domain';
import { type World } from './world';

/**
 * What really happened, for scoring the reconciler only (DESIGN.md §6): it is written apart
 * and never read by the reconciler. Event ids are exactly those of `observeSide`.
 */
export interface TruthTrip {
  tripId: string;
  crossingPoint: string;
  exitCountry: Country;
  /** Canonical Latin, no separators (as `normalisePlate` gives it). */
  plate: string;
  category: VehicleCategory;
  exitEventId: string;
  /** Null when the vehicle never entered or entered after the scenario end. */
  entryEventId: string | null;
  exitCaptureTime: number;
  entryCaptureTime: number | null;
  /** True when the vehicle never entered: the reconciler should call it overdue. */
  noShow: boolean;
  /** MRN of the truck's declarations, null for vehicles without goods declared. */
  mrn: string | null;
}

export function truthOf(world: World): TruthTrip[] {
  return world.trips.map((t) => ({
    tripId: t.tripId,
    crossingPoint: t.crossingPoint,
    exitCountry: t.exitCountry,
    plate: normalisePlate(t.plate),
    category: t.category,
    exitEventId: t.exit.eventId,
    entryEventId: t.entry?.eventId ?? null,
    exitCaptureTime: t.exit.captureTime,
    entryCaptureTime: t.entry?.captureTime ?? null,
    noShow: t.noShow,
    mrn: t.declarations?.mrn ?? null,
  }));
}
