import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { hasExited, killNow, sleep, spawnServer, terminate } from './child-process';
import { freePort } from './free-port';

export interface LocalRedis {
  url: string;
  /** Set only when this process spawned the server. */
  pid?: number;
  stop(): Promise<void>;
  /** Synchronous last resort for process 'exit' handlers. */
  stopSync(): void;
}

const DEFAULT_URL = 'redis://127.0.0.1:6379';
const START_TIMEOUT_MS = 10_000;

/** An explicit or running Redis is reused as is; otherwise a throwaway redis-server is spawned. */
export async function ensureRedis(
  url: string | undefined = process.env.REDIS_URL,
): Promise<LocalRedis> {
  if (url) {
    if (!(await pingRedis(url))) throw new Error(`Redis at ${url} does not answer PING`);
    return external(url);
  }
  if (await pingRedis(DEFAULT_URL)) return external(DEFAULT_URL);
  return startRedisServer();
}

function external(url: string): LocalRedis {
  return { url, stop: () => Promise.resolve(), stopSync: () => undefined };
}

/** One PING with a short timeout and no retries; the probe client is always closed. */
export async function pingRedis(url: string, timeoutMs = 1_000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // Connection errors surface through connect(); this only keeps them off the default handler.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
    else client.disconnect();
  }
}

export interface RedisServerOptions {
  /** A free one when omitted. */
  port?: number;
  /**
   * Outlive this process (`uamd stack up`): own process group, output appended to this file,
   * working directory `dir` (kept), nothing held open in this process once it answers.
   */
  detached?: { logFile: string; dir: string };
}

/** Spawns a private, non-persistent redis-server (stopped by pid in stop()). */
export async function startRedisServer(opts: RedisServerOptions = {}): Promise<LocalRedis> {
  const port = opts.port ?? (await freePort());
  const dir = opts.detached?.dir ?? mkdtempSync(join(tmpdir(), 'uamd-redis-'));
  const removeDir = (): void => {
    if (!opts.detached) rmSync(dir, { recursive: true, force: true });
  };
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
  ];
  let child: ChildProcess | undefined;
  try {
    const server = spawnServer('redis-server', args, { cwd: dir, logFile: opts.detached?.logFile });
    child = server.child;
    const spawned = child;
    // A missing binary is reported as an 'error' event, not a throw.
    const spawnError = new Promise<never>((_, reject) =>
      spawned.once('error', (err) =>
        reject(
          new Error(
            `cannot start redis-server (${err.message}); run \`npm run setup\` or set REDIS_URL`,
          ),
        ),
      ),
    );
    spawnError.catch(() => undefined);
    const url = `redis://127.0.0.1:${port}`;
    await Promise.race([waitForPing(child, url, server.output), spawnError]);
    const pid = child.pid ?? -1;
    let stopping: Promise<void> | undefined;
    return {
      url,
      pid,
      stop: () => (stopping ??= terminate(spawned, 10_000).finally(removeDir)),
      stopSync: () => {
        killNow(spawned);
        removeDir();
      },
    };
  } catch (err) {
    if (child?.pid !== undefined) await terminate(child, 5_000);
    removeDir();
    throw err;
  }
}

async function waitForPing(child: ChildProcess, url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error(`redis-server exited during start-up:\n${output()}`);
    if (await pingRedis(url, 500)) return;
    await sleep(100);
  }
  throw new Error(`redis-server did not answer PING within ${START_TIMEOUT_MS} ms:\n${output()}`);
}
