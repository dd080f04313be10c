import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { KAFKA_MAIN } from './kafka-jvm.broker';
import { processRuns } from './pid-process';
import { findRepoRoot } from './repo-root';
import { principalEnv } from './secure/principal-env';
import { type ScramPrincipal } from './secure/principals';
import { readSecureMaterial } from './secure/secure-material';

/**
 * What `uamd stack up` started and where it listens. The services and the CLI's broker commands
 * read it when KAFKA_BROKERS is unset, so a newcomer needs no environment at all.
 */
export interface StackRecord {
  /** Format of this file. */
  version: 1;
  startedAt: string;
  /** `secureDir`: the broker is SASL_SSL with the exchange ACLs, its logins in that folder. */
  kafka: { brokers: string[]; pid: number; dataDir: string; logFile: string; secureDir?: string };
  /** `pid` is set only when the stack started this Redis (it is stopped with the stack). */
  redis: { url: string; pid?: number; logFile?: string };
}

/** `UAMD_STACK_FILE`, else `.cache/stack/stack.json` in the repository. */
export function stackFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.UAMD_STACK_FILE?.trim();
  if (explicit) return explicit;
  return join(findRepoRoot(), '.cache', 'stack', 'stack.json');
}

export function readStackFile(file = stackFilePath()): StackRecord | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(
      `${file} is not valid JSON (${(err as Error).message}); run \`uamd stack down\``,
    );
  }
  if (!isStackRecord(parsed))
    throw new Error(
      `${file} is not a stack file this version understands; run \`uamd stack down\``,
    );
  return parsed;
}

/** Written whole under a temp name, then renamed: a reader never sees half a file. */
export function writeStackFile(record: StackRecord, file = stackFilePath()): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(tmp, file);
}

export function removeStackFile(file = stackFilePath()): void {
  rmSync(file, { force: true });
}

/**
 * Fills KAFKA_BROKERS (and REDIS_URL when unset too) from a running `uamd stack`, in place, and
 * on a secured stack the login of `principal` when no KAFKA_SASL_USERNAME is set. Explicit
 * settings always win; returns a line saying what was used, or undefined.
 */
export function useStackDefaults(
  env: NodeJS.ProcessEnv = process.env,
  principal: ScramPrincipal = 'admin',
): string | undefined {
  if (env.KAFKA_BROKERS?.trim()) return undefined;
  let file: string;
  try {
    file = stackFilePath(env);
  } catch {
    // Installed outside the repository (an image, a package): there is no local stack to use.
    return undefined;
  }
  const stack = readStackFile(file);
  if (!stack) return undefined;
  if (!processRuns(stack.kafka.pid, KAFKA_MAIN))
    return `${displayPath(file)} records a stack whose broker no longer runs: \`uamd stack up\` starts it again`;
  env.KAFKA_BROKERS = stack.kafka.brokers.join(',');
  if (!env.REDIS_URL?.trim()) env.REDIS_URL = stack.redis.url;
  const login = useStackLogin(env, stack, principal);
  return `using the local stack of ${displayPath(file)}: KAFKA_BROKERS=${env.KAFKA_BROKERS} REDIS_URL=${env.REDIS_URL}${login}`;
}

/** On a secured stack, puts the login of `principal` in `env` unless it has one; says which. */
function useStackLogin(
  env: NodeJS.ProcessEnv,
  stack: StackRecord,
  principal: ScramPrincipal,
): string {
  const dir = stack.kafka.secureDir;
  if (dir === undefined) return '';
  if (env.KAFKA_SASL_USERNAME?.trim()) return ` (SASL_SSL as ${env.KAFKA_SASL_USERNAME.trim()})`;
  const material = readSecureMaterial(dir);
  if (!material)
    throw new Error(
      `${dir} no longer holds the stack's Kafka logins: run \`uamd stack down\` and up again`,
    );
  Object.assign(env, principalEnv(material, principal));
  return ` (SASL_SSL as ${principal})`;
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function isStackRecord(value: unknown): value is StackRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StackRecord>;
  return (
    v.version === 1 &&
    typeof v.kafka?.pid === 'number' &&
    Array.isArray(v.kafka.brokers) &&
    v.kafka.brokers.every((b) => typeof b === 'string') &&
    typeof v.redis?.url === 'string'
  );
}
