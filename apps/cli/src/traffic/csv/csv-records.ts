import {
  DEFAULT_ROW_LIMITS,
  FileWindow,
  longerThan,
  NEWLINE,
  type RowLimits,
  windowBytes,
} from './file-window';
import { MAX_COLUMNS } from './import-columns';
import { type RowError } from './partner-rows';

const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;
/**
 * Most records parsed together: csv-parse costs a call's set-up per batch. After a record it
 * refuses, batches start again at one record and double, so the records split again after a
 * refusal stay few, and a file of bad rows costs a parse per row, not a batch per row.
 */
const MAX_BATCH_RECORDS = 256;

/** One record's place in a batch: where it starts and ends, and what it spans. */
export interface RecordSpan {
  /** The line it starts on. */
  line: number;
  /** Byte offsets in the batch's `bytes`, its line ending included. */
  start: number;
  end: number;
  cells: number;
  /** Offset of its first line's newline when it runs on over more lines (a quoted newline), else -1. */
  firstNewline: number;
}

/** Consecutive records, their bytes valid until the splitter is asked for more. */
export interface RecordBatch {
  kind: 'records';
  bytes: Buffer;
  records: RecordSpan[];
}

/** A record with more cells than any header may have, not parsed: only its cells are counted. */
export interface WideRecord {
  kind: 'wide';
  line: number;
  cells: number;
}

export type SplitEntry = RecordBatch | WideRecord | (RowError & { kind: 'error' });

type Scan =
  | { kind: 'record'; span: RecordSpan; newlines: number }
  | { kind: 'empty'; next: number }
  | { kind: 'more' }
  | { kind: 'long'; firstNewline: number }
  | { kind: 'end' };

/**
 * Where the records of a CSV file start and end, found in bounded memory before csv-parse sees
 * them: the same quoting (RFC 4180: `"` opens and closes a quoted cell, `""` in one is a quote),
 * lines ending in LF or CRLF. A record is at most `maxRowBytes` long and is counted in cells, so
 * that csv-parse is never handed a 1 GB line or a million cells: a longer record is a row error
 * and reading goes on at the line after the one it starts on (as after csv-parse's own errors);
 * a wider one is reported with its cell count, unparsed. A `"` that csv-parse refuses (inside an
 * unquoted cell) may end a record elsewhere than csv-parse would: csv-parse then refuses that
 * record, and the caller starts again at the line after its first (`restartAt`).
 */
export class CsvRecordSplitter {
  private readonly window: FileWindow;
  /** Scan position in the window (a record boundary between calls) and its line. */
  private pos = 0;
  private line = 1;
  private started = false;
  private batchStart = 0;
  private batchLimit = MAX_BATCH_RECORDS;

  private readonly maxRowBytes: number;

  constructor(
    path: string,
    limits: RowLimits = DEFAULT_ROW_LIMITS,
    private readonly maxCells = MAX_COLUMNS,
  ) {
    this.maxRowBytes = limits.maxRowBytes;
    this.window = new FileWindow(path, windowBytes(limits));
  }

  /** The next records, or a row error, in file order; null at the end of the file. */
  next(): SplitEntry | null {
    if (!this.started) this.start();
    const records: RecordSpan[] = [];
    this.batchStart = this.pos;
    const batch = (): RecordBatch | null => {
      if (records.length === 0) return null;
      const at = this.batchStart;
      return {
        kind: 'records',
        bytes: this.window.bytes.subarray(at, this.pos),
        records: records.map((r) => ({
          ...r,
          start: r.start - at,
          end: r.end - at,
          firstNewline: r.firstNewline < 0 ? -1 : r.firstNewline - at,
        })),
      };
    };
    for (;;) {
      const scan = this.scan(this.pos);
      switch (scan.kind) {
        case 'empty':
          this.pos = scan.next;
          this.line += 1;
          continue;
        case 'record': {
          const { span } = scan;
          if (span.cells > this.maxCells) {
            const done = batch();
            if (done) return done;
            this.pos = span.end;
            this.line += scan.newlines;
            return { kind: 'wide', line: span.line, cells: span.cells };
          }
          records.push(span);
          this.pos = span.end;
          this.line += scan.newlines;
          if (records.length >= this.batchLimit) {
            this.batchLimit = Math.min(MAX_BATCH_RECORDS, this.batchLimit * 2);
            return batch();
          }
          continue;
        }
        case 'more': {
          const done = batch();
          if (done) return done;
          // Nothing held but the record being read: keep it, read on, and scan it again.
          this.window.more(this.pos);
          this.pos = 0;
          this.batchStart = 0;
          continue;
        }
        case 'long': {
          const done = batch();
          if (done) return done;
          const line = this.line;
          if (scan.firstNewline >= 0) {
            this.pos = scan.firstNewline + 1;
            this.line += 1;
          } else this.skipLine();
          return { kind: 'error', line, reason: longerThan(this.maxRowBytes) };
        }
        case 'end':
          return batch();
      }
    }
  }

  /**
   * Reading goes on from `offset` of the last batch's bytes (a line start) on line `line`: the
   * caller found a record csv-parse refuses, and starts again at the line after its first.
   * Only before the next call of `next`, while those bytes are still in the window.
   */
  restartAt(offset: number, line: number): void {
    this.pos = this.batchStart + offset;
    this.line = line;
    this.batchLimit = 1;
  }

  close(): void {
    this.window.close();
  }

  private start(): void {
    this.started = true;
    this.pos = this.window.open();
  }

  /** Skips to the line after the current one, never holding more of it than the window. */
  private skipLine(): void {
    for (;;) {
      const at = this.window.bytes.subarray(0, this.window.end).indexOf(NEWLINE, this.pos);
      if (at >= 0) {
        this.pos = at + 1;
        this.line += 1;
        return;
      }
      const more = this.window.more(this.window.end);
      this.pos = 0;
      if (!more) return;
    }
  }

  /** One record from `start` (a record boundary), as far as the window has it. */
  private scan(start: number): Scan {
    const b = this.window.bytes;
    const end = this.window.end;
    const max = this.maxRowBytes;
    let quoted = false;
    let cells = 1;
    let firstNewline = -1;
    let newlines = 0;
    for (let i = start; i < end; i++) {
      const c = b[i];
      if (c === QUOTE) quoted = !quoted;
      else if (c === COMMA) {
        if (!quoted) cells += 1;
      } else if (c === NEWLINE) {
        newlines += 1;
        if (!quoted) {
          const length = i - start - (i > start && b[i - 1] === CR ? 1 : 0);
          if (length === 0) return { kind: 'empty', next: i + 1 };
          if (length > max) return { kind: 'long', firstNewline };
          const span = { line: this.line, start, end: i + 1, cells, firstNewline };
          return { kind: 'record', span, newlines };
        }
        if (firstNewline < 0) firstNewline = i;
      }
      if (i - start > max) return { kind: 'long', firstNewline };
    }
    // The window ends inside the record: there is more of it, or it is the file's last.
    if (!this.window.done) return { kind: 'more' };
    if (start >= end) return { kind: 'end' };
    const length = end - start - (b[end - 1] === CR ? 1 : 0);
    if (length === 0) return { kind: 'end' };
    if (length > max) return { kind: 'long', firstNewline };
    return { kind: 'record', span: { line: this.line, start, end, cells, firstNewline }, newlines };
  }
}
