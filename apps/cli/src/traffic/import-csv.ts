import { type ObservedEvent } from '@uamd/traffic';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readCsvRows } from './csv/csv-rows';
import { inDeliveryOrder } from './csv/delivery-order';
import { readJsonlRows } from './csv/jsonl-rows';
import { type RowError } from './csv/partner-rows';
import { readOfRow } from './csv/row-read';
import { withSynthesisedHeartbeats } from './csv/synthesised-heartbeats';

export { IMPORT_COLUMNS } from './csv/import-columns';
export { HEARTBEAT_INTERVAL_MS } from './csv/synthesised-heartbeats';

/**
 * `synth`: heartbeats added for every camera and declaration feed of the posts present, so that
 * `simulate --traffic` and `replay` can merge the feeds. `none`: the partner's reads only, as
 * sent, for `uamd conformance` (which then reports the missing heartbeats, TC-FEED-3).
 */
export type HeartbeatChoice = 'synth' | 'none';

export interface ImportOptions {
  /** Leave bad rows out (reported in `skipped`) instead of refusing the file. */
  skipBad?: boolean;
  heartbeats?: HeartbeatChoice;
}

export interface PartnerImport {
  format: 'csv' | 'jsonl';
  /** Plate reads, and with `synth` heartbeats, in delivery order. */
  events: ObservedEvent[];
  reads: number;
  skipped: RowError[];
  /** Rows kept with a lane or camera outside the registry (only with heartbeats `none`). */
  keptAsSent: RowError[];
  /** For the traffic file header: whether heartbeats were added, where delivery times came from. */
  heartbeats: 'synthesised' | 'as-sent';
  delivery: 'as-sent' | 'at-capture';
}

/** Bad rows listed in a refusal; the rest are counted. */
const LISTED_ERRORS = 20;

/**
 * Reads a partner export of plate reads (CSV, or JSON lines for a `.jsonl`/`.ndjson` file) into
 * traffic, faithfully: the partner's event ids, sequences and delivery order are kept when the
 * file gives them (columns in `csv/import-columns.ts`), and heartbeats are added only when asked.
 * Every row is checked as a read posted to a customs service would be; a bad row is refused
 * with every bad column named, and the file with it, unless `skipBad`. A file with no valid row
 * left is refused either way: an empty traffic file would only hide the mistake.
 */
export function importCsv(file: string, options: ImportOptions = {}): PartnerImport {
  const heartbeats = options.heartbeats ?? 'synth';
  const format = /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv';
  const buf = readFileSync(file);
  const parsed = format === 'jsonl' ? readJsonlRows(buf) : readCsvRows(file, buf);
  const someRow = (column: string) => parsed.rows.some((r) => r.values[column] !== undefined);
  const given = { deliveredAt: someRow('delivered_at'), sequence: someRow('sequence') };
  const idPrefix = `${format}.${basename(file)}`;
  const outcomes = parsed.rows.map((row) =>
    readOfRow(row, {
      idPrefix,
      givenOnSomeRow: { delivered_at: given.deliveredAt, sequence: given.sequence },
      keepUnknownCameras: heartbeats === 'none',
    }),
  );
  const ordered = inDeliveryOrder(outcomes, given);
  const skipped = [...parsed.errors, ...ordered.refused].sort((a, b) => a.line - b.line);
  // Checked first: with every row bad, --skip-bad would leave nothing, and an empty file hides it.
  if (ordered.reads.length === 0)
    throw new Error(
      skipped.length > 0
        ? refusal(file, skipped, 'no valid row')
        : `${file}: no rows: nothing to write`,
    );
  if (skipped.length > 0 && !options.skipBad)
    throw new Error(
      refusal(
        file,
        skipped,
        `${ordered.reads.length} valid (--skip-bad to leave the bad ones out)`,
      ),
    );
  return {
    format,
    events:
      heartbeats === 'synth'
        ? withSynthesisedHeartbeats(ordered.reads, format)
        : ordered.reads.map(({ deliverAt, read }) => ({
            deliverAt,
            event: { type: 'PlateRead', data: read },
          })),
    reads: ordered.reads.length,
    skipped,
    keptAsSent: ordered.keptAsSent,
    heartbeats: heartbeats === 'synth' ? 'synthesised' : 'as-sent',
    delivery: given.deliveredAt ? 'as-sent' : 'at-capture',
  };
}

/** Every bad row at once (the first twenty), so that one pass over the file fixes them. */
function refusal(file: string, errors: readonly RowError[], verdict: string): string {
  const listed = errors.slice(0, LISTED_ERRORS).map((e) => `\n  ${file}:${e.line}: ${e.reason}`);
  const more =
    errors.length > LISTED_ERRORS ? `\n  … and ${errors.length - LISTED_ERRORS} more` : '';
  return `${file}: ${errors.length} bad row(s), ${verdict}:${listed.join('')}${more}`;
}
