import { closeSync, openSync, readSync } from 'node:fs';
import { MAX_ROW_BYTES } from './import-columns';

/** How long a row may be, and the window a reader reads through (more than two rows). */
export interface RowLimits {
  maxRowBytes: number;
  /** At least `2 * maxRowBytes + 16` (a row and its line ending, and room to read on); larger means fewer reads. */
  windowBytes?: number;
}

export const DEFAULT_ROW_LIMITS: RowLimits = { maxRowBytes: MAX_ROW_BYTES };

export const windowBytes = (limits: RowLimits): number =>
  Math.max(limits.windowBytes ?? 4 << 20, 2 * limits.maxRowBytes + 16);

/** The reason a row over the limit is refused. */
export function longerThan(maxRowBytes: number): string {
  return maxRowBytes >= 2 ** 20 && maxRowBytes % 2 ** 20 === 0
    ? `longer than ${maxRowBytes / 2 ** 20} MiB`
    : `longer than ${maxRowBytes} bytes`;
}

/**
 * A file read front to back through one fixed buffer: the bytes from a kept position to what
 * has been read so far. Memory is the buffer, whatever the file holds (a 1 GB line included);
 * a reader keeps at most one row's worth, so the buffer must be larger than a row.
 */
export class FileWindow {
  /** Valid bytes are `buf[0, end)`; `buf[0]` is byte `base` of the file. */
  private buf: Buffer;
  private filled = 0;
  private fileBase = 0;
  private eof = false;
  private readonly fd: number;

  constructor(path: string, capacity = 4 << 20) {
    this.fd = openSync(path, 'r');
    this.buf = Buffer.allocUnsafe(capacity);
  }

  get bytes(): Buffer {
    return this.buf;
  }

  /** Bytes in the window: `bytes[0, end)`. */
  get end(): number {
    return this.filled;
  }

  /** True once the whole file has been read into the window (or dropped from it). */
  get done(): boolean {
    return this.eof;
  }

  /** File offset of `bytes[0]`. */
  get base(): number {
    return this.fileBase;
  }

  /**
   * Drops the bytes before `keepFrom` and reads on; false when the file has ended. Positions
   * held by the caller move down by `keepFrom`.
   */
  more(keepFrom: number): boolean {
    if (keepFrom > 0) {
      this.buf.copy(this.buf, 0, keepFrom, this.filled);
      this.filled -= keepFrom;
      this.fileBase += keepFrom;
    }
    if (this.eof) return false;
    if (this.filled === this.buf.length)
      throw new Error('file window full: the caller keeps more than the window holds');
    const read = readSync(this.fd, this.buf, this.filled, this.buf.length - this.filled, null);
    if (read === 0) {
      this.eof = true;
      return false;
    }
    this.filled += read;
    return true;
  }

  /**
   * Fills the window from the start of the file and returns where its text begins: after a
   * UTF-8 byte-order mark (spreadsheet exports often write one), else 0.
   */
  open(): number {
    this.more(0);
    const head = this.buf.subarray(0, Math.min(UTF8_BOM.length, this.filled));
    return head.equals(UTF8_BOM) ? UTF8_BOM.length : 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}

export const NEWLINE = 0x0a;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
