/** Events the customs services publish. Times are epoch milliseconds (UTC), event time. */
export type Country = 'UA' | 'MD';
export const COUNTRIES: readonly Country[] = ['UA', 'MD'];
/** Relative to the reporting country: EXIT leaves it, ENTRY enters it. */
export type Direction = 'ENTRY' | 'EXIT';
export type VehicleCategory = 'CAR' | 'BUS' | 'TRUCK' | 'VAN' | 'MOTORCYCLE' | 'UNKNOWN';
export type DeclarationKind = 'EXPORT' | 'IMPORT' | 'TRANSIT';

export interface PlateRead {
  eventId: string;
  country: Country;
  crossingPoint: string;
  laneId: string;
  cameraId: string;
  sequence: number;
  direction: Direction;
  /** Exactly as the camera read it: may be Cyrillic, Latin or mixed, with separators. */
  plateText: string;
  plateNationality: string | null;
  ocrConfidence: number;
  captureTime: number;
  vehicleCategory: VehicleCategory;
}

/** "This camera has sent every read captured up to `upTo`" (docs/design.md §3). */
export interface CameraHeartbeat {
  eventId: string;
  country: Country;
  crossingPoint: string;
  cameraId: string;
  upTo: number;
  lastSequence: number;
}

/**
 * "This post's declaration feed has sent every declaration lodged up to `upTo`" (docs/design.md
 * §3): one per crossing point and country, on the declarations topic, so a quiet declarations
 * topic still moves in time and silence there means nothing was lodged.
 */
export interface DeclarationHeartbeat {
  eventId: string;
  country: Country;
  crossingPoint: string;
  upTo: number;
}

export interface GoodsLine {
  hsCode: string;
  description: string;
  grossMassKg: number;
  value: { amount: number; currency: string };
}

export interface CustomsDeclaration {
  eventId: string;
  country: Country;
  crossingPoint: string;
  kind: DeclarationKind;
  mrn: string;
  tractorPlate: string;
  trailerPlate: string | null;
  goods: GoodsLine[];
  lodgedAt: number;
  releasedAt: number | null;
}

export type InputEvent =
  | { type: 'PlateRead'; data: PlateRead }
  | { type: 'CameraHeartbeat'; data: CameraHeartbeat }
  | { type: 'CustomsDeclaration'; data: CustomsDeclaration }
  | { type: 'DeclarationHeartbeat'; data: DeclarationHeartbeat };

export type InputEventType = InputEvent['type'];

/** When an event happened on its own clock: captured, lodged, or vouched up to. */
export function eventTimeOf(event: InputEvent): number {
  switch (event.type) {
    case 'PlateRead':
      return event.data.captureTime;
    case 'CameraHeartbeat':
    case 'DeclarationHeartbeat':
      return event.data.upTo;
    case 'CustomsDeclaration':
      return event.data.lodgedAt;
    default: {
      const unreachable: never = event;
      throw new Error(`unknown input ${JSON.stringify(unreachable)}`);
    }
  }
}
