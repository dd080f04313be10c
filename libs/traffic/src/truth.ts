import {
  normalisePlate,
  type Country,
  type DiscrepancyReason,
  type VehicleCategory,
} from '@uamd/domain';
import { type IncidentKind } from './incidents';
import { type World } from './world';

/** A truck load's paperwork as it really was. */
export interface TruthDeclarations {
  mrn: string;
  /** Null when the export declaration was not observed. */
  exportEventId: string | null;
  /** Null when the import declaration was never lodged or lodged after the scenario end. */
  importEventId: string | null;
  /** Discrepancies injected into this load's paperwork (whether observable or not). */
  injected: DiscrepancyReason[];
}

/**
 * What really happened, for scoring the reconciler only (docs/design.md §6): it is written apart
 * and never read by the reconciler. Event ids are exactly those of `observeSide`.
 */
export interface TruthTrip {
  tripId: string;
  crossingPoint: string;
  exitCountry: Country;
  /** Canonical Latin, no separators (as `normalisePlate` gives it). */
  plate: string;
  category: VehicleCategory;
  /** Every observed read of the exit, primary first, duplicates after; empty when the camera missed it. */
  exitEventIds: string[];
  /** The same for the entry; empty when the camera missed it, or the vehicle never entered or entered after the end. */
  entryEventIds: string[];
  /** True time the vehicle passed the exit camera (read capture times are on camera clocks). */
  exitCaptureTime: number;
  /** True time it passed the entry camera; null when it did not within the scenario. */
  entryCaptureTime: number | null;
  /** True when the vehicle never entered. */
  noShow: boolean;
  /** Null for vehicles without goods declared. */
  declarations: TruthDeclarations | null;
  /** Registry id of the closed post the vehicle would have used; only on diverted trips. */
  divertedFrom?: string;
  /** Time in the line at the entry control when longer than a minute. */
  queueWaitMs?: number;
  /** The scenario's incidents that touched this trip (see `tripIncidents`); only when some did. */
  incidents?: IncidentKind[];
}

export function truthOf(world: World): TruthTrip[] {
  return world.trips.map((t) => ({
    tripId: t.tripId,
    crossingPoint: t.crossingPoint,
    exitCountry: t.exitCountry,
    plate: normalisePlate(t.plate),
    category: t.category,
    exitEventIds: t.exit.reads.map((r) => r.eventId),
    entryEventIds: t.entry?.reads.map((r) => r.eventId) ?? [],
    exitCaptureTime: t.exit.time,
    entryCaptureTime: t.entry?.time ?? null,
    noShow: t.noShow,
    declarations: t.declarations
      ? {
          mrn: t.declarations.mrn,
          exportEventId: t.declarations.export.eventId,
          importEventId: t.declarations.import?.eventId ?? null,
          injected: [...t.declarations.injected],
        }
      : null,
    ...(t.divertedFrom !== null ? { divertedFrom: t.divertedFrom } : {}),
    ...(t.queueWaitMs > 60_000 ? { queueWaitMs: t.queueWaitMs } : {}),
    ...(t.incidents.length > 0 ? { incidents: [...t.incidents] } : {}),
  }));
}
