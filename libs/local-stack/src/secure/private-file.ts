import { chmodSync, writeFileSync } from 'node:fs';

/** Owner-only (0600) even when the file already existed with a wider mode. */
export function writePrivateFile(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
}
