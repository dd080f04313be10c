import { validatePlateReadInput } from '@uamd/customs-service';
import {
  camerasOf,
  COUNTRIES,
  crossingPoint,
  type CameraHeartbeat,
  type Country,
  type DeclarationHeartbeat,
  type InputEvent,
} from '@uamd/domain';
import { type ObservedEvent } from '@uamd/traffic';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * The CSV a user brings: one plate read per row, a header row naming these columns (any order;
 * the optional ones may be left out or blank):
 *
 * | column           | required | meaning                                                       |
 * | ---------------- | -------- | ------------------------------------------------------------- |
 * | `country`        | yes      | UA or MD: the customs service that read the plate             |
 * | `crossing_point` | yes      | registry id, e.g. `mohyliv-podilskyi-otaci`                   |
 * | `direction`      | yes      | EXIT or ENTRY, relative to `country`                          |
 * | `plate`          | yes      | the plate as read (Cyrillic, Latin or mixed, any separators)  |
 * | `capture_time`   | yes      | ISO-8601 with a timezone, or epoch milliseconds               |
 * | `lane`           | no       | lane id (L1, L2…; default L1)                                 |
 * | `nationality`    | no       | nationality sign read (UA, MD, RO…)                           |
 * | `confidence`     | no       | OCR confidence 0..1 (default 1)                               |
 * | `category`       | no       | CAR, BUS, TRUCK, VAN, MOTORCYCLE or UNKNOWN (default UNKNOWN) |
 */
export const CSV_COLUMNS = [
  'country',
  'crossing_point',
  'direction',
  'plate',
  'capture_time',
  'lane',
  'nationality',
  'confidence',
  'category',
] as const;
const REQUIRED = new Set(['country', 'crossing_point', 'direction', 'plate', 'capture_time']);
const HEARTBEAT_MS = 30_000;

export interface CsvImport {
  events: ObservedEvent[];
  skipped: Array<{ line: number; reason: string }>;
}

/** Splits one CSV line (RFC 4180 quotes, no embedded newlines). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

/**
 * Reads a CSV of plate reads into traffic: every row is checked like a read posted to a customs
 * service (same validator, same messages), a bad row is an error naming file, line and column
 * (or, with `skipBad`, reported and left out). Reads are ordered by capture time, numbered per
 * camera, and given heartbeats every 30 s from the first to the last capture at each post, for
 * every camera and both declaration feeds of both sides: the file is taken to hold every read
 * of that period, and no declaration.
 */
export function importCsv(file: string, skipBad = false): CsvImport {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  const missing = [...REQUIRED].filter((c) => !header.includes(c));
  if (missing.length > 0)
    throw new Error(
      `${file}:1: the header lacks column(s) ${missing.join(', ')} (columns: ${CSV_COLUMNS.join(', ')})`,
    );
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length > 0) throw new Error(`${file}:1: unknown column(s) ${unknown.join(', ')}`);
  const skipped: CsvImport['skipped'] = [];
  const reads: Array<{ line: number; event: InputEvent }> = [];
  const name = basename(file);
  lines.slice(1).forEach((text, i) => {
    const line = i + 2;
    if (text.trim() === '') return;
    const cells = splitCsvLine(text);
    const row = Object.fromEntries(header.map((h, k) => [h, cells[k] ?? '']));
    const problem = (reason: string) => {
      if (!skipBad) throw new Error(`${file}:${line}: ${reason}`);
      skipped.push({ line, reason });
    };
    if (cells.length !== header.length)
      return problem(`${cells.length} cells, the header has ${header.length}`);
    const country = row.country?.toUpperCase() as Country;
    if (!COUNTRIES.includes(country))
      return problem(`country: must be UA or MD, got ${JSON.stringify(row.country)}`);
    const time = /^\d+$/.test(row.capture_time ?? '') ? Number(row.capture_time) : row.capture_time;
    const body: Record<string, unknown> = {
      eventId: `csv.${name}.${line}`,
      crossingPoint: row.crossing_point,
      direction: row.direction?.toUpperCase(),
      plateText: row.plate,
      captureTime: time,
      ocrConfidence: row.confidence ? Number(row.confidence) : 1,
      vehicleCategory: row.category ? row.category.toUpperCase() : 'UNKNOWN',
      sequence: 0,
      ...(row.lane ? { laneId: row.lane } : {}),
      ...(row.nationality ? { plateNationality: row.nationality.toUpperCase() } : {}),
    };
    const result = validatePlateReadInput(body, {
      country,
      nowMs: Number.MAX_SAFE_INTEGER,
      maxFutureSkewMs: 0,
      ids: { nextSequence: () => 0, newEventId: () => `csv.${name}.${line}` },
    });
    if (!result.ok)
      return problem(result.problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    reads.push({ line, event: result.event });
  });
  return { events: withSequencesAndHeartbeats(reads.map((r) => r.event)), skipped };
}

function withSequencesAndHeartbeats(reads: InputEvent[]): ObservedEvent[] {
  const captureOf = (e: InputEvent) => (e.type === 'PlateRead' ? e.data.captureTime : 0);
  reads.sort((a, b) => captureOf(a) - captureOf(b) || (a.data.eventId < b.data.eventId ? -1 : 1));
  /** Capture times per camera, in sequence order (index = sequence). */
  const captures = new Map<string, number[]>();
  const spans = new Map<string, { first: number; last: number }>();
  const out: Array<ObservedEvent & { rank: number }> = [];
  for (const e of reads) {
    if (e.type !== 'PlateRead') continue;
    const times = captures.get(e.data.cameraId) ?? [];
    captures.set(e.data.cameraId, times);
    const data = { ...e.data, sequence: times.length };
    times.push(data.captureTime);
    out.push({ deliverAt: data.captureTime, rank: 0, event: { type: 'PlateRead', data } });
    const span = spans.get(data.crossingPoint) ?? {
      first: data.captureTime,
      last: data.captureTime,
    };
    span.last = Math.max(span.last, data.captureTime);
    spans.set(data.crossingPoint, span);
  }
  for (const [pointId, span] of spans) {
    const point = crossingPoint(pointId);
    for (const country of COUNTRIES)
      for (const direction of ['EXIT', 'ENTRY'] as const)
        for (const cameraId of camerasOf(country, point, direction)) {
          const times = captures.get(cameraId) ?? [];
          let sent = 0;
          const first = Math.floor(span.first / HEARTBEAT_MS) * HEARTBEAT_MS;
          for (let upTo = first; upTo <= span.last + HEARTBEAT_MS; upTo += HEARTBEAT_MS) {
            while (sent < times.length && times[sent]! <= upTo) sent++;
            const data: CameraHeartbeat = {
              eventId: `csv.hb.${cameraId}.${upTo}`,
              country,
              crossingPoint: pointId,
              cameraId,
              upTo,
              lastSequence: sent - 1,
            };
            out.push({ deliverAt: upTo, rank: 1, event: { type: 'CameraHeartbeat', data } });
          }
        }
    for (const beat of declarationHeartbeats(pointId, span)) out.push(beat);
  }
  // A heartbeat after the reads it vouches for at the same instant.
  out.sort((a, b) => a.deliverAt - b.deliverAt || a.rank - b.rank);
  return out.map(({ deliverAt, event }) => ({ deliverAt, event }));
}

/**
 * Both countries' declaration heartbeats of one post, on the camera heartbeats' grid. The CSV
 * holds plate reads only, so nothing was lodged and each one vouches for its own time: without
 * them the declarations feeds would never move and the reconciler would wait on them forever.
 */
function declarationHeartbeats(
  pointId: string,
  span: { first: number; last: number },
): Array<ObservedEvent & { rank: number }> {
  const out: Array<ObservedEvent & { rank: number }> = [];
  const first = Math.floor(span.first / HEARTBEAT_MS) * HEARTBEAT_MS;
  for (const country of COUNTRIES)
    for (let upTo = first; upTo <= span.last + HEARTBEAT_MS; upTo += HEARTBEAT_MS) {
      const data: DeclarationHeartbeat = {
        eventId: `csv.decl-hb.${country}.${pointId}.${upTo}`,
        country,
        crossingPoint: pointId,
        upTo,
      };
      out.push({ deliverAt: upTo, rank: 1, event: { type: 'DeclarationHeartbeat', data } });
    }
  return out;
}
