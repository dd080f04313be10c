import { CsvError, parse } from 'csv-parse/sync';
import {
  IMPORT_COLUMNS,
  listed,
  MAX_COLUMNS,
  MAX_ROW_BYTES,
  REQUIRED_COLUMNS,
} from './import-columns';
import { type PartnerRow, type PartnerRows, type RowError } from './partner-rows';

const NEWLINE = 0x0a;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A CSV export's rows, parsed by csv-parse (RFC 4180: quotes, doubled quotes, quoted newlines).
 * The header row names the columns (case-insensitive); a bad header refuses the file. A row
 * csv-parse cannot read (an unclosed quote, text after a closing quote, over 1 MiB) is a row
 * error, and reading goes on at the next line: csv-parse's own skipping can lose the rows after
 * such an error without a word, so the parse is restarted after it instead. Line numbers are
 * counted here from csv-parse's byte positions, as its own line count drifts on quoted CRLFs.
 */
export function readCsvRows(file: string, buf: Buffer): PartnerRows {
  const rows: PartnerRow[] = [];
  const errors: RowError[] = [];
  const lines = new LineCounter(buf);
  let header: string[] | undefined;
  /** Where the part being parsed starts, and where the last record read ends (bytes). */
  let offset = buf.subarray(0, BOM.length).equals(BOM) ? BOM.length : 0;
  while (offset < buf.length) {
    const partAt = offset;
    let readTo = offset;
    try {
      parse(buf.subarray(partAt), {
        relax_column_count: true,
        skip_empty_lines: true,
        max_record_size: MAX_ROW_BYTES,
        on_record: (cells: string[], info) => {
          readTo = partAt + info.bytes;
          const lastLine = lines.lineAt(buf[readTo - 1] === NEWLINE ? readTo - 1 : readTo);
          const line = lastLine - cells.reduce((n, cell) => n + newlines(cell), 0);
          if (header === undefined) header = checkedHeader(file, line, cells);
          else {
            const row = rowOf(header, line, cells);
            if (row && 'reason' in row) errors.push(row);
            else if (row) rows.push(row);
          }
          return null;
        },
      });
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      // The record that failed starts on the first non-empty line after the last one read.
      const bad = nonEmptyLineFrom(buf, readTo);
      const line = lines.lineAt(bad.at);
      if (header === undefined)
        throw new Error(`${file}:${line}: the header row cannot be read: ${csvProblem(error)}`);
      errors.push({ line, reason: csvProblem(error) });
      offset = bad.nextLineAt;
    }
  }
  if (header === undefined) throw new Error(`${file}: empty (no header row)`);
  return { rows, errors };
}

/** Line numbers of byte positions asked for in increasing order: one pass over the buffer. */
class LineCounter {
  private at = 0;
  private line = 1;
  constructor(private readonly buf: Buffer) {}

  lineAt(position: number): number {
    for (let i = this.buf.indexOf(NEWLINE, this.at); i >= 0 && i < position;) {
      this.line++;
      i = this.buf.indexOf(NEWLINE, i + 1);
    }
    this.at = Math.max(this.at, position);
    return this.line;
  }
}

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The first non-empty line from byte `from` (a line start), and where the line after it starts. */
function nonEmptyLineFrom(buf: Buffer, from: number): { at: number; nextLineAt: number } {
  for (let at = from; ;) {
    const end = buf.indexOf(NEWLINE, at);
    const next = end < 0 ? buf.length : end + 1;
    const length = (end < 0 ? buf.length : end) - at;
    const empty = length === 0 || (length === 1 && buf[at] === 0x0d);
    if (!empty || next >= buf.length) return { at, nextLineAt: next };
    at = next;
  }
}

/** csv-parse's reason, without its line number (counted from where that parse started). */
function csvProblem(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted cell is never closed (a " without its closing ")';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'text after a closing quote (a " inside a quoted cell is written "")';
    case 'CSV_MAX_RECORD_SIZE':
      return `longer than ${MAX_ROW_BYTES / 2 ** 20} MiB`;
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
