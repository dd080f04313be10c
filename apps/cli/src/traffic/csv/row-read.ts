import { FieldChecker, validatePlateReadInput, type Problem } from '@uamd/customs-service';
import {
  cameraIdFor,
  COUNTRIES,
  crossingPoint,
  type Country,
  type InputEvent,
  type PlateRead,
} from '@uamd/domain';
import { columnOfField } from './import-columns';
import { type PartnerRow } from './partner-rows';

export interface RowReadOptions {
  /** Default event ids are `<idPrefix>.<line>`, e.g. `csv.reads.csv.7`. */
  idPrefix: string;
  /** The optional columns some row of the file gives: then every row must (import-columns.ts). */
  givenOnSomeRow: { sequence: boolean; delivered_at: boolean };
  /**
   * Keep a lane or camera the registry does not have, as sent, instead of refusing the row: a
   * file for a conformance report should show the partner's mistake (TC-FIELD-1), whereas the
   * reconciler would wait forever on a camera whose heartbeats it does not know.
   */
  keepUnknownCameras: boolean;
}

export interface ColumnProblem {
  column: string;
  message: string;
}

/** One row checked: its read when every column is right, else every column that is not. */
export interface RowOutcome {
  line: number;
  read?: PlateRead;
  problems: ColumnProblem[];
  deliveredAt?: number;
  /** A lane or camera outside the registry, kept as sent (with `keepUnknownCameras`). */
  keptAsSent?: string;
}

/** Times as the customs services take them; a partner's old export is never "in the future". */
const TIME_CONTEXT = {
  country: 'UA' as Country,
  nowMs: Number.MAX_SAFE_INTEGER,
  maxFutureSkewMs: 0,
};
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const REGISTRY_FIELDS = new Set(['laneId', 'cameraId']);

/**
 * A cell is text: a number column's text becomes its number, anything else goes to the
 * validator as it was, so the message says what the file held (`got string "high"`).
 */
const numeric = (value: unknown) =>
  typeof value === 'string' && NUMBER.test(value) && Number.isFinite(Number(value))
    ? Number(value)
    : value;
/** Digits only are epoch milliseconds; any other text is for the ISO-8601 check. */
const epochOrText = (value: unknown) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
const upper = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value);

/**
 * Checks one row as a read posted to a customs service (the same validator and messages), with
 * the problems named by column: every problem of the row at once, so one pass fixes it.
 */
export function readOfRow(row: PartnerRow, options: RowReadOptions): RowOutcome {
  const v = row.values;
  const problems: ColumnProblem[] = [];
  const country = upper(v.country) as Country;
  if (v.country === undefined)
    problems.push({ column: 'country', message: 'is required (UA or MD)' });
  else if (!COUNTRIES.includes(country))
    problems.push({
      column: 'country',
      message: `must be UA or MD, got ${JSON.stringify(v.country)}`,
    });
  for (const column of ['sequence', 'delivered_at'] as const)
    if (options.givenOnSomeRow[column] && v[column] === undefined)
      problems.push({ column, message: 'is required: other rows of the file give one' });
  let deliveredAt: number | undefined;
  if (v.delivered_at !== undefined) {
    const checker = new FieldChecker({ delivered_at: epochOrText(v.delivered_at) });
    deliveredAt = checker.time('delivered_at', TIME_CONTEXT);
    problems.push(...checker.problems.map(({ field, message }) => ({ column: field, message })));
  }
  const validated = checkedBody(row, COUNTRIES.includes(country) ? country : 'UA', options);
  problems.push(...validated.problems);
  const outcome = { line: row.line, problems };
  if (problems.length > 0 || !validated.read) return { ...outcome, deliveredAt };
  return {
    ...outcome,
    read: validated.read,
    deliveredAt,
    ...(validated.keptAsSent ? { keptAsSent: validated.keptAsSent } : {}),
  };
}

/** The validator's verdict on the row's body, lane and camera kept as sent if so asked. */
function checkedBody(
  row: PartnerRow,
  country: Country,
  options: RowReadOptions,
): { read?: PlateRead; problems: ColumnProblem[]; keptAsSent?: string } {
  const body = bodyOf(row.values);
  const ctx = {
    ...TIME_CONTEXT,
    country,
    ids: { nextSequence: () => 0, newEventId: () => `${options.idPrefix}.${row.line}` },
  };
  const result = validatePlateReadInput(body, ctx);
  if (result.ok) return { read: plateReadOf(result.event), problems: [] };
  const registry = result.problems.filter((p) => REGISTRY_FIELDS.has(p.field));
  const others = result.problems.filter((p) => !REGISTRY_FIELDS.has(p.field));
  const { lane, camera } = row.values;
  const keepable =
    options.keepUnknownCameras &&
    registry.length > 0 &&
    [lane, camera].every((x) => x === undefined || (typeof x === 'string' && x.length <= 64));
  if (!keepable) {
    const hint = options.keepUnknownCameras
      ? ''
      : ' (--heartbeats none keeps it as sent, for a conformance report)';
    return {
      problems: [
        ...others.map(byColumn),
        ...registry.map((p) => ({ ...byColumn(p), message: `${p.message}${hint}` })),
      ],
    };
  }
  // Checked again without lane and camera, which the registry's own then replace as sent.
  const { laneId: _lane, cameraId: _camera, ...rest } = body;
  const again = validatePlateReadInput(rest, ctx);
  if (!again.ok) return { problems: again.problems.map(byColumn) };
  const data = plateReadOf(again.event);
  const laneId = typeof lane === 'string' ? lane : data.laneId;
  const read: PlateRead = {
    ...data,
    laneId,
    cameraId:
      typeof camera === 'string'
        ? camera
        : cameraIdFor(country, crossingPoint(data.crossingPoint), data.direction, laneId),
  };
  return {
    read,
    problems: [],
    keptAsSent: registry.map((p) => `${byColumn(p).column}: ${p.message}`).join('; '),
  };
}

/** The validator returns an InputEvent; for a plate-read body it is always a PlateRead. */
function plateReadOf(event: InputEvent): PlateRead {
  if (event.type !== 'PlateRead')
    throw new Error(`the plate-read validator returned a ${event.type}`);
  return event.data;
}

const byColumn = ({ field, message }: Problem): ColumnProblem => ({
  column: columnOfField(field),
  message,
});

/** The HTTP body the row stands for: the defaults of an import where a column is left out. */
function bodyOf(v: PartnerRow['values']): Record<string, unknown> {
  return {
    ...(v.event_id !== undefined ? { eventId: v.event_id } : {}),
    crossingPoint: v.crossing_point,
    direction: upper(v.direction),
    plateText: v.plate,
    captureTime: epochOrText(v.capture_time),
    ocrConfidence: v.confidence === undefined ? 1 : numeric(v.confidence),
    vehicleCategory: v.category === undefined ? 'UNKNOWN' : upper(v.category),
    ...(v.sequence !== undefined ? { sequence: numeric(v.sequence) } : {}),
    ...(v.lane !== undefined ? { laneId: v.lane } : {}),
    ...(v.camera !== undefined ? { cameraId: v.camera } : {}),
    ...(v.nationality !== undefined ? { plateNationality: upper(v.nationality) } : {}),
  };
}
