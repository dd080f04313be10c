import { type RowError } from './partner-rows';

/** Rows listed by line before the rest are only counted: a listing stays readable, and bounded. */
export const MAX_LISTED_ROWS = 1000;
/** A reason quotes what a cell held; a cell may be a megabyte long. */
export const MAX_REASON_CHARS = 500;

/** Rows of one kind (skipped, kept as sent), in file order: the first ones, and how many in all. */
export class ListedRows {
  count = 0;
  readonly listed: RowError[] = [];

  constructor(private readonly limit = MAX_LISTED_ROWS) {}

  add(line: number, reason: string): void {
    this.count += 1;
    if (this.listed.length >= this.limit) return;
    const cut = reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS)}…` : reason;
    this.listed.push({ line, reason: printable(cut) });
  }
}

/** Control and bidirectional characters a partner's bytes may hold, which a terminal obeys. */
// eslint-disable-next-line no-control-regex -- control characters are what it is there to find
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text quoted from a file, safe to print: the characters a terminal would act on named instead. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
