import {
  type Country,
  type Direction,
  type DiscrepancyReason,
  type GoodsLine,
  type VehicleCategory,
} from '@uamd/domain';
import { type IncidentKind } from './incidents';
import { type PlateNationality } from './plates';
import { type Scenario } from './scenarios';

/** Why a camera produced a read: the vehicle passing, or one of the duplicates cameras make. */
export type ReadKind = 'primary' | 'repeat' | 'other-lane';

/** One camera read; ids and sequences are fixed here so observations, heartbeats and truth agree. */
export interface Capture {
  eventId: string;
  country: Country;
  direction: Direction;
  cameraId: string;
  laneId: string;
  sequence: number;
  kind: ReadKind;
  /** When the camera fired, true time. */
  trueTime: number;
  /** The same instant on the camera's own clock (true time + the camera's offset): what the read reports. */
  captureTime: number;
  /**
   * True time the service publishes the read: `trueTime`, or later for a late delivery, a camera
   * back from an outage, or a late feed.
   */
  deliverAt: number;
}

/** A vehicle passing one side's cameras. */
export interface Passage {
  country: Country;
  direction: Direction;
  /** True time the vehicle passed. */
  time: number;
  /** Every read of it, primary first, then duplicates; empty when the camera missed the vehicle. */
  reads: Capture[];
}

export interface DeclarationLodgement {
  eventId: string;
  lodgedAt: number;
  /** True time the service publishes it: `lodgedAt`, or later after a declarations outage or with a late feed. */
  publishedAt: number;
  releasedAt: number | null;
  /** As the declarant typed it: Latin or Cyrillic, with or without spaces. */
  tractorPlate: string;
  trailerPlate: string | null;
  goods: GoodsLine[];
}

/** The export (origin side) and import (destination side) declarations of one truck load, same MRN. */
export interface TripDeclarations {
  mrn: string;
  export: DeclarationLodgement;
  /** Null when lodged after the scenario end (not observed) or never lodged (GOODS_NOT_DECLARED_ON_ENTRY). */
  import: DeclarationLodgement | null;
  /** Discrepancies injected into this load's paperwork (truth only, never published). */
  injected: DiscrepancyReason[];
}

/** A true trip across one post. */
export interface Trip {
  tripId: string;
  crossingPoint: string;
  exitCountry: Country;
  entryCountry: Country;
  /** Latin, with the plate's own spacing, e.g. `AB 1234 KC`. */
  plate: string;
  nationality: PlateNationality;
  category: VehicleCategory;
  /** The vehicle exits and never reaches the other side's camera. */
  noShow: boolean;
  /** When the vehicle would reach the entry camera, queue included; null for a no-show. */
  plannedEntryTime: number | null;
  /** Time spent in the line at the entry control (0 for a no-show). */
  queueWaitMs: number;
  /** Registry id of the closed post this vehicle would have used, null when not diverted. */
  divertedFrom: string | null;
  exit: Passage;
  /** Null for a no-show or an entry after the scenario end (still in transit). */
  entry: Passage | null;
  declarations: TripDeclarations | null;
  /** The scenario's incidents that changed this trip or what was seen of it (`tripIncidents`). */
  incidents: IncidentKind[];
}

export interface World {
  scenario: Scenario;
  seed: number;
  start: number;
  end: number;
  /** Each camera's fixed clock offset, ms (camera clock = true time + offset). */
  clockOffsets: Record<string, number>;
  /** Ordered by true exit time, then post. */
  trips: Trip[];
}
