import { closeSync, openSync, writeSync } from 'node:fs';

const CHUNK_BYTES = 1 << 20;

/** Writes the lines to a new file, a megabyte at a time, each followed by a newline. */
export function writeLines(file: string, lines: Iterable<string>): void {
  const fd = openSync(file, 'w');
  try {
    let text = '';
    for (const line of lines) {
      text += `${line}\n`;
      if (text.length > CHUNK_BYTES) {
        writeSync(fd, text);
        text = '';
      }
    }
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
