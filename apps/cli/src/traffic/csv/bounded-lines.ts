import {
  DEFAULT_ROW_LIMITS,
  FileWindow,
  longerThan,
  NEWLINE,
  type RowLimits,
  windowBytes,
} from './file-window';

/** A line of the file (its text), or how long it was when it was too long to read. */
export type BoundedLine =
  { line: number; text: string } | { line: number; tooLong: true; reason: string };

/**
 * The lines of a file, streamed through a fixed window: a line longer than `maxRowBytes` (counted
 * before it is decoded) is skipped unread and reported, however long it is, so a 1 GB line
 * costs the window and no more. Lines end in LF (a CR before it stays in the text).
 */
export function* boundedLines(
  path: string,
  limits: RowLimits = DEFAULT_ROW_LIMITS,
): Generator<BoundedLine> {
  const maxBytes = limits.maxRowBytes;
  const window = new FileWindow(path, windowBytes(limits));
  try {
    let at = window.open();
    let skipping = false;
    for (let line = 1; ;) {
      const bytes = window.bytes.subarray(0, window.end);
      const newline = bytes.indexOf(NEWLINE, at);
      const end = newline < 0 ? window.end : newline;
      if (skipping || end - at > maxBytes) {
        if (!skipping) yield { line, tooLong: true, reason: longerThan(maxBytes) };
        skipping = newline < 0;
        if (newline >= 0) {
          at = newline + 1;
          line += 1;
          continue;
        }
      } else if (newline >= 0) {
        yield { line, text: bytes.toString('utf8', at, end) };
        at = newline + 1;
        line += 1;
        continue;
      } else if (window.done) {
        if (end > at) yield { line, text: bytes.toString('utf8', at, end) };
        return;
      }
      // No newline in the window: keep the line begun (unless skipped) and read on.
      const keep = skipping ? window.end : at;
      const more = window.more(keep);
      at -= keep;
      if (skipping) at = 0;
      if (!more && window.end === 0) return;
    }
  } finally {
    window.close();
  }
}
