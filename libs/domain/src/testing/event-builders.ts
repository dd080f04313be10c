import { makeMrn } from '../declarations/mrn';
import {
  type CameraHeartbeat,
  type DeclarationHeartbeat,
  type Country,
  type CustomsDeclaration,
  type Direction,
  type InputEvent,
  type PlateRead,
} from '../events/input-events';
import { camerasOf, crossingPoint } from '../posts/border-posts.registry';
import { type TimedInput } from '../matching/reconcile';

/** Builders for given/when/then specs of the matching code. */
export const T0 = Date.UTC(2024, 8, 2, 6, 0, 0);
export const minutes = (n: number) => n * 60_000;

let counter = 0;

export function plateRead(
  country: Country,
  direction: Direction,
  plateText: string,
  atMinute: number,
  overrides: Partial<PlateRead> = {},
): InputEvent {
  const point = crossingPoint(overrides.crossingPoint ?? 'mohyliv-podilskyi-otaci');
  counter += 1;
  return {
    type: 'PlateRead',
    data: {
      eventId: `${country}-${direction}-${counter}`,
      country,
      crossingPoint: point.id,
      laneId: 'L1',
      cameraId: camerasOf(country, point, direction)[0]!,
      sequence: counter,
      direction,
      plateText,
      plateNationality: null,
      ocrConfidence: 0.95,
      captureTime: T0 + minutes(atMinute),
      vehicleCategory: 'CAR',
      ...overrides,
    },
  };
}

/**
 * Everything one side's feeds at a post send to vouch for `atMinute`: a heartbeat from every
 * camera and one from its declaration feed, as a customs service does.
 */
export function sideHeartbeats(
  country: Country,
  atMinute: number,
  crossingPointId = 'mohyliv-podilskyi-otaci',
): InputEvent[] {
  return [
    declarationHeartbeat(country, atMinute, crossingPointId),
    ...cameraHeartbeats(country, atMinute, crossingPointId),
  ];
}

/** Heartbeats from every camera of one side at a post, vouching for everything up to `atMinute`. */
export function cameraHeartbeats(
  country: Country,
  atMinute: number,
  crossingPointId = 'mohyliv-podilskyi-otaci',
): InputEvent[] {
  const point = crossingPoint(crossingPointId);
  return [...camerasOf(country, point, 'EXIT'), ...camerasOf(country, point, 'ENTRY')].map(
    (cameraId): InputEvent => {
      const data: CameraHeartbeat = {
        eventId: `hb-${cameraId}-${atMinute}`,
        country,
        crossingPoint: point.id,
        cameraId,
        upTo: T0 + minutes(atMinute),
        lastSequence: -1,
      };
      return { type: 'CameraHeartbeat', data };
    },
  );
}

/** A declaration feed heartbeat of one side at a post, vouching for everything lodged up to `atMinute`. */
export function declarationHeartbeat(
  country: Country,
  atMinute: number,
  crossingPointId = 'mohyliv-podilskyi-otaci',
): InputEvent {
  const data: DeclarationHeartbeat = {
    eventId: `decl-hb-${country}-${crossingPointId}-${atMinute}`,
    country,
    crossingPoint: crossingPointId,
    upTo: T0 + minutes(atMinute),
  };
  return { type: 'DeclarationHeartbeat', data };
}

/** Inputs as the aligner hands them over; `loggedAt` is the record timestamp stamped on outputs. */
export function timed(events: InputEvent[], loggedAt = 0): Array<TimedInput<null>> {
  return events.map((event) => ({ event, loggedAt, origin: null }));
}

/** A declaration with a valid MRN, lodged `atMinute` after T0; goods default to one line. */
export function declaration(
  country: Country,
  kind: 'EXPORT' | 'IMPORT',
  mrnBody: string,
  tractorPlate: string,
  atMinute: number,
  goods: Array<[hsCode: string, grossMassKg: number]> = [['870323', 1500]],
  crossingPointId = 'mohyliv-podilskyi-otaci',
): InputEvent {
  const data: CustomsDeclaration = {
    eventId: `decl-${kind}-${mrnBody}`,
    country,
    crossingPoint: crossingPointId,
    kind,
    mrn: makeMrn('24', 'UA', mrnBody, 'J'),
    tractorPlate,
    trailerPlate: null,
    goods: goods.map(([hsCode, grossMassKg]) => ({
      hsCode,
      description: 'goods',
      grossMassKg,
      value: { amount: 1000, currency: 'EUR' },
    })),
    lodgedAt: T0 + minutes(atMinute),
    releasedAt: null,
  };
  return { type: 'CustomsDeclaration', data };
}
