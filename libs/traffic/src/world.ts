import { type Country, type Direction, type GoodsLine, type VehicleCategory } from '@uamd/domain';
import { type PlateNationality } from './plates';
import { type Scenario } from './scenarios';

/** One camera capture of a trip; ids and sequences are fixed here so observations and truth agree. */
export interface Capture {
  eventId: string;
  country: Country;
  direction: Direction;
  cameraId: string;
  laneId: string;
  sequence: number;
  captureTime: number;
}

export interface DeclarationLodgement {
  eventId: string;
  lodgedAt: number;
  releasedAt: number | null;
}

/** The export (origin side) and import (destination side) declarations of one truck load, same MRN. */
export interface TripDeclarations {
  mrn: string;
  tractorPlate: string;
  trailerPlate: string | null;
  goods: GoodsLine[];
  export: DeclarationLodgement;
  /** Null when lodged after the scenario end (not observed). */
  import: DeclarationLodgement | null;
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
  /** When the vehicle would reach the entry camera; null for a no-show. */
  plannedEntryTime: number | null;
  exit: Capture;
  /** Null for a no-show or an entry after the scenario end (still in transit). */
  entry: Capture | null;
  declarations: TripDeclarations | null;
}

export interface World {
  scenario: Scenario;
  seed: number;
  start: number;
  end: number;
  /** Ordered by exit capture time, then trip id. */
  trips: Trip[];
}
