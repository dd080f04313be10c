import { cameraIdFor, type InputEvent, type PlateRead, type VehicleCategory } from '@uamd/domain';
import {
  checkedCrossingPoint,
  checkEnvelope,
  MAX_EVENT_ID_LENGTH,
  type ValidationContext,
  type ValidationResult,
} from './field-checks';

/** Where defaults for ids come from; called only once the body is valid, so a refused body uses up nothing. */
export interface EventIdSource {
  /**
   * The next sequence of a camera for a read posted without one. HTTP reads are numbered by a
   * per-camera counter held by the service process (it restarts at 0 with the process, and a
   * read that then fails to publish leaves a gap), unlike simulated feeds, whose sequences are
   * gap-free and vouched for by heartbeats.
   */
  nextSequence(cameraId: string): number;
  newEventId(): string;
}

export interface PlateReadContext extends ValidationContext {
  ids: EventIdSource;
}

export const VEHICLE_CATEGORIES: readonly VehicleCategory[] = [
  'CAR',
  'BUS',
  'TRUCK',
  'VAN',
  'MOTORCYCLE',
  'UNKNOWN',
];

const FIELDS = [
  'eventId',
  'country',
  'crossingPoint',
  'laneId',
  'cameraId',
  'sequence',
  'direction',
  'plateText',
  'plateNationality',
  'ocrConfidence',
  'captureTime',
  'vehicleCategory',
];

export function validatePlateReadInput(
  body: unknown,
  ctx: PlateReadContext,
): ValidationResult<InputEvent> {
  const envelope = checkEnvelope(body, ctx);
  if ('problems' in envelope) return { ok: false, problems: envelope.problems };
  const c = envelope.checker;
  c.onlyFields(FIELDS);

  const eventId = c.string('eventId', { maxLength: MAX_EVENT_ID_LENGTH, optional: true });
  const point = checkedCrossingPoint(c);
  const direction = c.oneOf('direction', ['ENTRY', 'EXIT'] as const);
  const plateText = c.plate('plateText');
  const plateNationality = c.string('plateNationality', {
    maxLength: 3,
    optional: true,
    pattern: /^[A-Z]{1,3}$/,
    patternHint: 'must be a 1–3 letter nationality sign such as UA or MD',
  });
  const ocrConfidence = c.number('ocrConfidence', { min: 0, max: 1 });
  const captureTime = c.time('captureTime', ctx);
  const vehicleCategory = c.oneOf('vehicleCategory', VEHICLE_CATEGORIES, 'UNKNOWN');
  const givenSequence = c.number('sequence', { min: 0, integer: true, optional: true });

  let laneId: string | undefined;
  let cameraId: string | undefined;
  if (point) {
    const lanes = point.sides[ctx.country].lanes;
    laneId = c.oneOf('laneId', lanes, lanes.includes('L1') ? 'L1' : lanes[0]);
    const givenCamera = c.string('cameraId', { maxLength: 64, optional: true });
    if (laneId !== undefined && direction !== undefined) {
      cameraId = cameraIdFor(ctx.country, point, direction, laneId);
      if (givenCamera !== undefined && givenCamera !== cameraId) {
        c.add(
          'cameraId',
          `must be ${cameraId} (the ${direction} camera of lane ${laneId} at this post), got ${JSON.stringify(givenCamera)}`,
        );
      }
    }
  }

  if (c.problems.length > 0) return { ok: false, problems: c.problems };
  // Every required value is defined here: each missing one added a problem above.
  const data: PlateRead = {
    eventId: eventId ?? ctx.ids.newEventId(),
    country: ctx.country,
    crossingPoint: point!.id,
    laneId: laneId!,
    cameraId: cameraId!,
    sequence: givenSequence ?? ctx.ids.nextSequence(cameraId!),
    direction: direction!,
    plateText: plateText!,
    plateNationality: plateNationality ?? null,
    ocrConfidence: ocrConfidence!,
    captureTime: captureTime!,
    vehicleCategory: vehicleCategory!,
  };
  return { ok: true, event: { type: 'PlateRead', data } };
}
