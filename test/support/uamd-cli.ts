import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The repo's bin, as a user runs it (`npm test` builds first). */
export const UAMD = join(__dirname, '..', '..', 'scripts', 'uamd');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `uamd <args>` with `env`; resolves with its exit code and output, never rejects. */
export function runUamd(
  env: NodeJS.ProcessEnv,
  args: readonly string[],
  timeoutMs = 120_000,
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      UAMD,
      args,
      { env, timeout: timeoutMs, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
