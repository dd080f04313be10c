import { type PlateRead } from '@uamd/domain';
import { type ObservedEvent } from '@uamd/traffic';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { readCsvRows } from './csv/csv-rows';
import { surveyRows, type Survey } from './csv/import-survey';
import { readJsonlRows } from './csv/jsonl-rows';
import { type RowError, type RowItem } from './csv/partner-rows';
import { type DeliveredRead, type GivenColumns, RowJudge } from './csv/row-judge';
import { SortedRuns } from './csv/sorted-runs';
import { type ListedRows, MAX_LISTED_ROWS } from './csv/listed-rows';
import { heartbeatGrid, withSynthesisedHeartbeats } from './csv/synthesised-heartbeats';

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
  /**
   * Plate reads, and with `synth` heartbeats, in delivery order: streamed from the file again
   * each time it is iterated (a month-long export never sits in memory).
   */
  events: Iterable<ObservedEvent>;
  /** Delivery times of the first and last event. */
  start: number;
  end: number;
  reads: number;
  /** The first bad rows left out (`MAX_LISTED_ROWS`), and how many in all. */
  skipped: RowError[];
  skippedCount: number;
  /** Rows kept with a lane or camera outside the registry (only with heartbeats `none`). */
  keptAsSent: RowError[];
  keptAsSentCount: number;
  /** For the traffic file header: whether heartbeats were added, where delivery times came from. */
  heartbeats: 'synthesised' | 'as-sent';
  delivery: 'as-sent' | 'at-capture';
}

/** Bad rows listed in a refusal; the rest are counted. */
const LISTED_ERRORS = 20;
/** Synthesised heartbeats cover at most this long: 30 feeds a post every 30 s add up. */
export const MAX_HEARTBEAT_DAYS = 366;
const DAY_MS = 86_400_000;

/**
 * Reads a partner export of plate reads (CSV, or JSON lines for a `.jsonl`/`.ndjson` file) into
 * traffic, faithfully: the partner's event ids, sequences and delivery order are kept when the
 * file gives them (columns in `csv/import-columns.ts`), and heartbeats are added only when asked.
 * Every row is checked as a read posted to a customs service would be; a bad row is refused
 * with every bad column named, and the file with it, unless `skipBad`. A file with no valid row
 * left is refused either way: an empty traffic file would only hide the mistake.
 *
 * Streamed in bounded memory, in passes over the file: one judges every row and notes what the
 * output needs beforehand (`csv/import-survey.ts`), the events then read the file again. Reads
 * delivered at capture (no `delivered_at`) in a file not in capture order are sorted on disk
 * (`csv/sorted-runs.ts`).
 */
export function importCsv(file: string, options: ImportOptions = {}): PartnerImport {
  const heartbeats = options.heartbeats ?? 'synth';
  const format = /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv';
  const stamp = fileStamp(file);
  const rows = (): Iterable<RowItem> => {
    if (fileStamp(file) !== stamp) throw new Error(`${file}: changed while it was being imported`);
    return format === 'jsonl' ? readJsonlRows(file) : readCsvRows(file);
  };
  const judging = {
    idPrefix: `${format}.${basename(file)}`,
    keepUnknownCameras: heartbeats === 'none',
    heartbeats: heartbeats === 'synth',
    ...(options.skipBad ? {} : { stopAfterBad: MAX_LISTED_ROWS + 1 }),
  };
  // Judged as the first row suggests; again in the rare file where a later row says otherwise.
  let survey = surveyRows(rows(), { ...judging, given: firstRowGives(rows()) });
  if (!sameColumns(survey.seen, survey.given))
    survey = surveyRows(rows(), { ...judging, given: survey.seen });
  const skipped = survey.skipped;
  if (survey.stoppedAt !== undefined)
    throw new Error(
      refusal(
        file,
        skipped,
        `more than ${MAX_LISTED_ROWS} bad rows (reading stopped at line ${survey.stoppedAt}), ${survey.reads} valid before them (--skip-bad to leave the bad ones out)`,
        true,
      ),
    );
  // Checked first: with every row bad, --skip-bad would leave nothing, and an empty file hides it.
  if (survey.reads === 0)
    throw new Error(
      skipped.count > 0
        ? refusal(file, skipped, `${skipped.count} bad row(s), no valid row`)
        : `${file}: no rows: nothing to write`,
    );
  if (skipped.count > 0 && !options.skipBad)
    throw new Error(
      refusal(
        file,
        skipped,
        `${skipped.count} bad row(s), ${survey.reads} valid (--skip-bad to leave the bad ones out)`,
      ),
    );
  if (heartbeats === 'synth') checkSpan(file, survey);
  const plan = {
    idPrefix: format,
    posts: survey.posts,
    firstDelivery: survey.firstDelivery.at,
    lastTime: survey.lastTime.at,
    cameras: survey.cameras,
  };
  const reads = (): Iterable<DeliveredRead> => deliveredReads(rows, survey, judging);
  const grid = heartbeatGrid(plan);
  return {
    format,
    events: {
      [Symbol.iterator]: () =>
        heartbeats === 'synth'
          ? withSynthesisedHeartbeats(reads(), plan)
          : asEvents(reads())[Symbol.iterator](),
    },
    start: heartbeats === 'synth' ? grid.start : survey.firstDelivery.at,
    end: heartbeats === 'synth' ? grid.end : survey.lastDelivery.at,
    reads: survey.reads,
    skipped: skipped.listed,
    skippedCount: skipped.count,
    keptAsSent: survey.keptAsSent.listed,
    keptAsSentCount: survey.keptAsSent.count,
    heartbeats: heartbeats === 'synth' ? 'synthesised' : 'as-sent',
    delivery: survey.given.deliveredAt ? 'as-sent' : 'at-capture',
  };
}

/**
 * The file's good rows as reads in delivery order, numbered per camera in capture order when
 * the file gives no sequences. In file order when that is the delivery order; else (delivered
 * at capture, rows not in capture order) sorted on disk first.
 */
function* deliveredReads(
  rows: () => Iterable<RowItem>,
  survey: Survey,
  judging: { idPrefix: string; keepUnknownCameras: boolean },
): Generator<DeliveredRead> {
  const judge = new RowJudge({ ...judging, given: survey.given });
  const accepted = function* (): Generator<DeliveredRead & { line: number }> {
    for (const item of rows()) {
      const judged = judge.judge(item);
      if (judged.kind === 'read') yield judged;
    }
  };
  const number = numbering(survey);
  if (survey.inDeliveryOrder) {
    for (const { deliverAt, read } of accepted()) yield { deliverAt, read: number(read) };
    return;
  }
  const runs = new SortedRuns();
  try {
    for (const { line, deliverAt, read } of accepted()) runs.add(line, { deliverAt, read });
    for (const { deliverAt, read } of runs.sorted()) yield { deliverAt, read: number(read) };
  } finally {
    runs.close();
  }
}

/**
 * Sequences the file gives are kept; else each camera numbers its reads 0, 1, 2… in capture
 * order (docs/design.md §3): in the order they come when delivered at capture, by the ranks the
 * survey noted when delivered as sent. Called on the reads in delivery order.
 */
function numbering(survey: Survey): (read: PlateRead) => PlateRead {
  if (survey.given.sequence) return (read) => read;
  const { ranks } = survey;
  if (ranks) return (read) => ({ ...read, sequence: ranks.next(read.cameraId) });
  const next = new Map<string, number>();
  return (read) => {
    const sequence = next.get(read.cameraId) ?? 0;
    next.set(read.cameraId, sequence + 1);
    return { ...read, sequence };
  };
}

function* asEvents(reads: Iterable<DeliveredRead>): Generator<ObservedEvent> {
  for (const { deliverAt, read } of reads)
    yield { deliverAt, event: { type: 'PlateRead', data: read } };
}

/**
 * The optional columns the first row gives: in nearly every file, what every row gives. Looked
 * for among the first lines only: a file of bad rows is not read twice for it.
 */
function firstRowGives(rows: Iterable<RowItem>): GivenColumns {
  let looked = 0;
  for (const item of rows) {
    if ('values' in item)
      return {
        deliveredAt: item.values.delivered_at !== undefined,
        sequence: item.values.sequence !== undefined,
      };
    if (++looked >= 100) break;
  }
  return { deliveredAt: false, sequence: false };
}

const sameColumns = (a: GivenColumns, b: GivenColumns) =>
  a.deliveredAt === b.deliveredAt && a.sequence === b.sequence;

function fileStamp(file: string): string {
  const { size, mtimeMs, ino } = statSync(file);
  return `${size}:${mtimeMs}:${ino}`;
}

/** Heartbeats every 30 s for 30 feeds a post: a file spanning decades would never end. */
function checkSpan(file: string, survey: Survey): void {
  const { firstDelivery, lastTime } = survey;
  const days = (lastTime.at - firstDelivery.at) / DAY_MS;
  if (days <= MAX_HEARTBEAT_DAYS) return;
  const iso = (ms: number) => (Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `${ms} ms`);
  throw new Error(
    `${file}: the reads span ${Math.round(days)} days, from ${iso(firstDelivery.at)} (line ${firstDelivery.line}) to ${iso(lastTime.at)} (line ${lastTime.line}): heartbeats are synthesised for at most ${MAX_HEARTBEAT_DAYS} days (split the file, or --heartbeats none for a conformance report)`,
  );
}

/** Every bad row at once (the first twenty), so that one pass over the file fixes them. */
function refusal(file: string, rows: ListedRows, verdict: string, stopped = false): string {
  const listed = rows.listed
    .slice(0, LISTED_ERRORS)
    .map((e) => `\n  ${file}:${e.line}: ${e.reason}`);
  const more = stopped
    ? '\n  … and more'
    : rows.count > LISTED_ERRORS
      ? `\n  … and ${rows.count - LISTED_ERRORS} more`
      : '';
  return `${file}: ${verdict}:${listed.join('')}${more}`;
}
