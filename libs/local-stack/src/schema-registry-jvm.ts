import { type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { hasExited, killNow, sleep, spawnServer, terminate } from './child-process';
import { freePort } from './free-port';
import { findRepoRoot } from './repo-root';

export interface SchemaRegistryOptions {
  /** Receives every line the registry prints. */
  log?: (line: string) => void;
  /** How long to wait for `/health/ready`; default 90 s (a busy 2-core machine needs 10-20 s). */
  startTimeoutMs?: number;
}

export interface LocalSchemaRegistry {
  /** The Confluent-compatible API, e.g. `http://127.0.0.1:40123/apis/ccompat/v7`. */
  url: string;
  pid: number;
  stop(): Promise<void>;
  /** Synchronous last resort for process 'exit' handlers. */
  stopSync(): void;
}

/** What scripts/setup.sh downloaded, and the Java 21+ it found to run it. */
interface RegistryLaunch {
  version: string;
  java: string;
  jar: string;
}

const DEFAULT_START_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;
/** The Quarkus main jar: a recorded pid's command line names it. */
export const SCHEMA_REGISTRY_JAR = 'quarkus-run.jar';

export function schemaRegistryLaunch(root = findRepoRoot()): RegistryLaunch & { dir: string } {
  const dir = join(root, '.cache', 'schema-registry');
  const file = join(dir, 'launch.json');
  if (!existsSync(file)) {
    throw new Error(
      `Apicurio Registry is missing in ${dir}: run \`npm run setup -- --tests\` first (needs maven and Java 21+).`,
    );
  }
  const launch = JSON.parse(readFileSync(file, 'utf8')) as RegistryLaunch;
  return { ...launch, jar: isAbsolute(launch.jar) ? launch.jar : join(dir, launch.jar), dir };
}

/**
 * Starts Apicurio Registry (in-memory storage: every start is empty) as a child JVM on free
 * loopback ports, and resolves once its readiness probe answers. Its Confluent-compatible API is
 * what the codec talks to with `SCHEMA_REGISTRY_URL`.
 */
export async function startSchemaRegistry(
  opts: SchemaRegistryOptions = {},
): Promise<LocalSchemaRegistry> {
  const launch = schemaRegistryLaunch();
  const work = mkdtempSync(join(tmpdir(), 'uamd-registry-'));
  const removeWork = (): void => rmSync(work, { recursive: true, force: true });
  let child: ChildProcess | undefined;
  const killOnExit = (): void => {
    if (child) killNow(child);
    removeWork();
  };
  process.on('exit', killOnExit);
  try {
    const [port, managementPort] = await twoPorts();
    const server = spawnServer(launch.java, [...jvmArgs(work, port, managementPort), launch.jar], {
      cwd: work,
      log: opts.log,
    });
    child = server.child;
    const pid = child.pid;
    if (pid === undefined) throw new Error(`could not spawn ${launch.java}`);
    await waitReady(
      `http://127.0.0.1:${managementPort}/health/ready`,
      opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      child,
      server.output,
    );
    const running = child;
    let stopping: Promise<void> | undefined;
    return {
      url: `http://127.0.0.1:${port}/apis/ccompat/v7`,
      pid,
      stop: () => (stopping ??= terminate(running, STOP_GRACE_MS).finally(removeWork)),
      stopSync: () => {
        killNow(running);
        removeWork();
      },
    };
  } catch (error) {
    if (child) await terminate(child, 5_000);
    removeWork();
    throw error;
  } finally {
    process.off('exit', killOnExit);
  }
}

async function twoPorts(): Promise<[number, number]> {
  const a = await freePort();
  let b = await freePort();
  while (b === a) b = await freePort();
  return [a, b];
}

/** Loopback only (the management port would otherwise bind 0.0.0.0:9000); a quick C1-only start. */
function jvmArgs(work: string, port: number, managementPort: number): string[] {
  return [
    '-Xmx384m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:-UsePerfData',
    `-Djava.io.tmpdir=${work}`,
    `-Dvertx.cacheDirBase=${join(work, 'vertx')}`,
    '-Dquarkus.http.host=127.0.0.1',
    `-Dquarkus.http.port=${port}`,
    '-Dquarkus.management.host=127.0.0.1',
    `-Dquarkus.management.port=${managementPort}`,
    '-Dquarkus.log.console.color=false',
    '-jar',
  ];
}

async function waitReady(
  url: string,
  timeoutMs: number,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited(child)) {
      const how = String(child.exitCode ?? child.signalCode);
      throw new Error(`schema registry exited during start-up (${how}); last output:\n${output()}`);
    }
    const ready = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) return;
    if (Date.now() > deadline) {
      throw new Error(`schema registry not ready after ${timeoutMs} ms; last output:\n${output()}`);
    }
    await sleep(250);
  }
}
