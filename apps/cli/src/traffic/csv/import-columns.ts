import { printable } from './listed-rows';

/**
 * The columns of a partner export, one plate read per row (CSV) or per line (JSON lines, the
 * same names as keys), in any order; an optional column may be left out or blank:
 *
 * | column           | required | meaning                                                              |
 * | ---------------- | -------- | -------------------------------------------------------------------- |
 * | `country`        | yes      | UA or MD: the customs service that read the plate                    |
 * | `crossing_point` | yes      | registry id, e.g. `mohyliv-podilskyi-otaci`                          |
 * | `direction`      | yes      | EXIT or ENTRY, relative to `country`                                 |
 * | `plate`          | yes      | the plate as read (Cyrillic, Latin or mixed, any separators)         |
 * | `capture_time`   | yes      | ISO-8601 with a timezone, or epoch milliseconds                      |
 * | `event_id`       | no       | the partner's event id, kept (default `csv.<file>.<line>`, `jsonl.…`)|
 * | `lane`           | no       | lane id of the registry (L1, L2…; default L1)                        |
 * | `camera`         | no       | camera id; must be the registry's camera of post, direction and lane |
 * | `sequence`       | no       | the camera's sequence number, kept (default: numbered per camera)    |
 * | `delivered_at`   | no       | when the partner delivered it; the rows' order is then the delivery  |
 * |                  |          | order (non-decreasing), else delivery is taken as capture, in order  |
 * | `nationality`    | no       | nationality sign read (UA, MD, RO…)                                  |
 * | `confidence`     | no       | OCR confidence 0..1 (default 1)                                      |
 * | `category`       | no       | CAR, BUS, TRUCK, VAN, MOTORCYCLE or UNKNOWN (default UNKNOWN)        |
 *
 * `sequence` and `delivered_at` go on every row or on none: numbers or times on some reads
 * only would mix the partner's with invented ones. A lane or camera the registry lacks is
 * refused, or kept as sent with `--heartbeats none` (`row-read.ts`).
 */
export const REQUIRED_COLUMNS = [
  'country',
  'crossing_point',
  'direction',
  'plate',
  'capture_time',
] as const;
export const OPTIONAL_COLUMNS = [
  'event_id',
  'lane',
  'camera',
  'sequence',
  'delivered_at',
  'nationality',
  'confidence',
  'category',
] as const;
export const IMPORT_COLUMNS: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

/** A row longer than this is refused unread: a partner's row is a few hundred bytes. */
export const MAX_ROW_BYTES = 1 << 20;
/** A header or JSON object with more fields than this is refused without listing them all. */
export const MAX_COLUMNS = 64;

/**
 * The validator speaks the HTTP body's field names; a user fixes a file by its column names.
 * Every field the import puts in a body is here.
 */
const COLUMN_OF_FIELD: Readonly<Record<string, string>> = {
  eventId: 'event_id',
  country: 'country',
  crossingPoint: 'crossing_point',
  laneId: 'lane',
  cameraId: 'camera',
  sequence: 'sequence',
  direction: 'direction',
  plateText: 'plate',
  plateNationality: 'nationality',
  ocrConfidence: 'confidence',
  captureTime: 'capture_time',
  vehicleCategory: 'category',
};

export const columnOfField = (field: string): string => COLUMN_OF_FIELD[field] ?? field;

/** Column names as a user typed them, shortened: an error message must stay readable. */
export function listed(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).map((n) => printable(n.length > 40 ? `${n.slice(0, 40)}…` : n));
  return names.length > max
    ? `${shown.join(', ')} and ${names.length - max} more`
    : shown.join(', ');
}
