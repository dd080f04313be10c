import { closeSync, openSync, writeSync } from 'node:fs';

/** For tests of hostile input: a new file of `head`, then `bytes` bytes of `fill` written a megabyte at a time, then `tail`. */
export function writeFilled(
  file: string,
  head: string,
  fill: string,
  bytes: number,
  tail: string,
): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, head);
    const chunk = Buffer.alloc(1 << 20, fill);
    for (let left = bytes; left > 0; left -= chunk.length)
      writeSync(fd, chunk, 0, Math.min(left, chunk.length));
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
}
