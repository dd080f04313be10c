import { CsvError, parse } from 'csv-parse/sync';
import { CsvRecordSplitter, type RecordBatch } from './csv-records';
import { DEFAULT_ROW_LIMITS, longerThan, type RowLimits } from './file-window';
import { IMPORT_COLUMNS, listed, MAX_COLUMNS, REQUIRED_COLUMNS } from './import-columns';
import { type PartnerRow, type RowError, type RowItem } from './partner-rows';

/** csv-parse's reading of a batch: the splitter's line endings, and its bound as a second guard. */
const parseOptions = (limits: RowLimits) => ({
  relax_column_count: true,
  skip_empty_lines: true,
  max_record_size: limits.maxRowBytes,
  record_delimiter: ['\r\n', '\n'],
});

/**
 * A CSV export's rows, streamed: the splitter (`csv-records.ts`) cuts the file into records in
 * bounded memory and csv-parse reads each batch of them (RFC 4180: quotes, doubled quotes, quoted
 * newlines). The header row names the columns (case-insensitive); a bad header refuses the file.
 * A record that is too long or too wide, or that csv-parse cannot read (an unclosed quote, text
 * after a closing quote), is a row error, and reading goes on at the next line: csv-parse's own
 * skipping can lose the rows after such an error without a word, so the parse starts again after
 * it instead. Lines are the splitter's, counted on the bytes.
 */
export function* readCsvRows(
  file: string,
  limits: RowLimits = DEFAULT_ROW_LIMITS,
): Generator<RowItem> {
  const splitter = new CsvRecordSplitter(file, limits);
  let header: string[] | undefined;
  try {
    for (let entry = splitter.next(); entry; entry = splitter.next()) {
      if (entry.kind === 'error') {
        if (header === undefined)
          throw new Error(`${file}:${entry.line}: the header row cannot be read: ${entry.reason}`);
        yield { line: entry.line, reason: entry.reason };
      } else if (entry.kind === 'wide') {
        if (header === undefined)
          throw new Error(
            `${file}:${entry.line}: the header has ${entry.cells} columns, more than ${MAX_COLUMNS} (columns: ${IMPORT_COLUMNS.join(', ')})`,
          );
        yield { line: entry.line, reason: `${entry.cells} cells, the header has ${header.length}` };
      } else {
        for (const item of batchRows(file, entry, splitter, header, limits)) {
          if (Array.isArray(item)) header = item;
          else yield item;
        }
      }
    }
  } finally {
    splitter.close();
  }
  if (header === undefined) throw new Error(`${file}: empty (no header row)`);
}

/**
 * One batch through csv-parse: its records in order, the header taken from the first when there
 * is none yet. A record csv-parse refuses is a row error; the rest of the batch is parsed again
 * after it, or, when that record ran on over more lines, split again from the line after its first.
 */
function* batchRows(
  file: string,
  batch: RecordBatch,
  splitter: CsvRecordSplitter,
  header: string[] | undefined,
  limits: RowLimits,
): Generator<RowItem | string[]> {
  const spans = batch.records;
  for (let from = 0; from < spans.length;) {
    const { cells, error } = parsed(batch.bytes.subarray(spans[from]!.start), limits);
    if (error) {
      const bad = spans[Math.min(from + cells.length, spans.length - 1)]!;
      for (const item of rowsOf(file, spans.slice(from), cells, header)) {
        if (Array.isArray(item)) header = item;
        yield item;
      }
      if (header === undefined)
        throw new Error(
          `${file}:${bad.line}: the header row cannot be read: ${csvProblem(error, limits)}`,
        );
      yield { line: bad.line, reason: csvProblem(error, limits) };
      if (bad.firstNewline >= 0) {
        splitter.restartAt(bad.firstNewline + 1, bad.line + 1);
        return;
      }
      from += cells.length + 1;
      continue;
    }
    // Never seen: the splitter ends records where csv-parse does unless csv-parse refuses one.
    if (cells.length !== spans.length - from) {
      const first = spans[from]!;
      if (header === undefined)
        throw new Error(`${file}:${first.line}: the header row cannot be read`);
      yield { line: first.line, reason: 'cannot be told apart from the rows after it' };
      splitter.restartAt(
        first.firstNewline >= 0 ? first.firstNewline + 1 : first.end,
        first.line + 1,
      );
      return;
    }
    yield* rowsOf(file, spans.slice(from), cells, header);
    return;
  }
}

/** csv-parse's records of `bytes`, up to the one it refuses (then `error` says why). */
function parsed(bytes: Buffer, limits: RowLimits): { cells: string[][]; error?: CsvError } {
  const cells: string[][] = [];
  const stackTraceLimit = Error.stackTraceLimit;
  // Only the message of csv-parse's error is wanted: its stack costs more than the parse.
  Error.stackTraceLimit = 0;
  try {
    parse(bytes, {
      ...parseOptions(limits),
      on_record: (record: string[]) => {
        cells.push(record);
        return null;
      },
    });
    return { cells };
  } catch (error) {
    if (error instanceof CsvError) return { cells, error };
    throw error;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** Parsed records as rows, the first the header when there is none yet. */
function* rowsOf(
  file: string,
  spans: readonly { line: number }[],
  records: readonly string[][],
  header: string[] | undefined,
): Generator<RowItem | string[]> {
  for (let i = 0; i < records.length; i++) {
    const line = spans[i]!.line;
    if (header === undefined) {
      header = checkedHeader(file, line, records[i]!);
      yield header;
      continue;
    }
    const row = rowOf(header, line, records[i]!);
    if (row) yield row;
  }
}

/** csv-parse's reason, without its line number (counted from where that parse started). */
function csvProblem(error: CsvError, limits: RowLimits): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed (a " without its closing ")';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'text after a closing quote (a " inside a quoted cell is written "")';
    case 'CSV_MAX_RECORD_SIZE':
      return longerThan(limits.maxRowBytes);
    default:
      return `${error.code}: ${error.message.replace(/ (at|on) line \d+/, '')}`;
  }
}

function checkedHeader(file: string, line: number, cells: string[]): string[] {
  const header = cells.map((c) => c.trim().toLowerCase());
  if (header.length > MAX_COLUMNS)
    throw new Error(
      `${file}:${line}: the header has ${header.length} columns, more than ${MAX_COLUMNS} (columns: ${IMPORT_COLUMNS.join(', ')})`,
    );
  const twice = header.filter((h, i) => header.indexOf(h) !== i);
  if (twice.length > 0)
    throw new Error(`${file}:${line}: column(s) ${listed([...new Set(twice)])} given twice`);
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0)
    throw new Error(
      `${file}:${line}: the header lacks column(s) ${missing.join(', ')} (columns: ${IMPORT_COLUMNS.join(', ')})`,
    );
  const unknown = header.filter((h) => !IMPORT_COLUMNS.includes(h));
  if (unknown.length > 0)
    throw new Error(
      `${file}:${line}: unknown column(s) ${listed(unknown)} (columns: ${IMPORT_COLUMNS.join(', ')})`,
    );
  return header;
}

/** A row's non-blank cells by column; nothing for a row of blank cells, as for an empty line. */
function rowOf(header: string[], line: number, cells: string[]): PartnerRow | RowError | null {
  const trimmed = cells.map((c) => c.trim());
  if (trimmed.every((c) => c === '')) return null;
  if (trimmed.length !== header.length)
    return { line, reason: `${trimmed.length} cells, the header has ${header.length}` };
  const values: Record<string, string> = {};
  header.forEach((column, i) => {
    if (trimmed[i] !== '') values[column] = trimmed[i]!;
  });
  return { line, values };
}
