import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * AppCDS archive for one JVM entry point: the first run dumps the loaded classes at exit, later runs
 * map them, which roughly halves Kafka's start time. A stale or broken archive is silently ignored by
 * the JVM, and the file name carries a fingerprint of the java binary so a JDK upgrade starts afresh.
 */
export interface CdsArchive {
  jvmArgs: string[];
  /** Call once the JVM has exited; keeps a freshly dumped archive only after a clean exit. */
  commit(cleanExit: boolean): void;
}

const QUIET = ['-Xlog:cds=off', '-Xlog:cds+dynamic=off'];

export interface CdsArchiveOptions {
  /**
   * When no archive exists yet, have this run dump one (default). False for a JVM whose exit no
   * one will see to commit the dump: it then maps an existing archive or runs without one.
   */
  dump?: boolean;
}

export function cdsArchive(
  dir: string,
  name: string,
  { dump = true }: CdsArchiveOptions = {},
): CdsArchive {
  const file = join(dir, `${name}-${javaFingerprint()}.jsa`);
  if (existsSync(file))
    return { jvmArgs: [`-XX:SharedArchiveFile=${file}`, ...QUIET], commit: () => undefined };
  if (!dump) return { jvmArgs: [], commit: () => undefined };

  mkdirSync(dir, { recursive: true });
  // A private temp name so concurrent first runs never read each other's half-written dump.
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  return {
    jvmArgs: [`-XX:ArchiveClassesAtExit=${tmp}`, ...QUIET],
    commit: (cleanExit) => {
      try {
        if (cleanExit && existsSync(tmp) && statSync(tmp).size > 0) renameSync(tmp, file);
      } catch {
        // Only a speed-up: losing it is harmless.
      } finally {
        rmSync(tmp, { force: true });
      }
    },
  };
}

let fingerprint: string | undefined;

function javaFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const hash = createHash('sha1');
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'java');
    if (!dir || !existsSync(candidate)) continue;
    const real = realpathSync(candidate);
    hash.update(`${real}:${statSync(real).mtimeMs}`);
    break;
  }
  fingerprint = hash.digest('hex').slice(0, 12);
  return fingerprint;
}
