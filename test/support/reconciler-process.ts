import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { terminate } from '../../libs/local-stack/src/child-process';
import { type ExchangeHarness, PARTITIONS } from './exchange-harness';
import { testStackEnv } from './stack-env';
import { waitFor } from './wait-for';

/** The built reconciler app (`npm test` builds first), run as a user runs it. */
export const RECONCILER_MAIN = join(
  __dirname,
  '..',
  '..',
  'dist',
  'apps',
  'reconciler',
  'src',
  'main.js',
);

export function assertReconcilerBuilt(): void {
  if (!existsSync(RECONCILER_MAIN))
    throw new Error(`${RECONCILER_MAIN} is missing: run \`npm run build\` (npm test does)`);
}

export /** Terminus' body: `error` holds the indicators that are down. */
interface HealthBody {
  status: 'ok' | 'error' | 'shutting_down';
  info?: Record<string, { status: 'up' | 'down' } & Record<string, unknown>>;
  error?: Record<string, { status: 'up' | 'down' } & Record<string, unknown>>;
}

export interface StatusBody {
  reclaims: number;
  buffered: number;
  waitingOn: string[];
  partitions: Record<string, string>;
  positions: Record<string, string>;
}

export interface ReconcilerProcess {
  /** The base URL the app printed when it started listening, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  output(): string;
  health(): Promise<{ code: number; body: HealthBody }>;
  live(): Promise<{ code: number; body: HealthBody }>;
  status(): Promise<StatusBody>;
  /** SIGTERM, then SIGKILL if it has not exited within the grace. */
  stop(): Promise<{ exited: boolean; code: number | null; signal: NodeJS.Signals | null }>;
  /** GET /metrics, the Prometheus text. */
  metrics(): Promise<string>;
}

/** `dist/.../main.js` as a child process on the shared stack unless `env` says otherwise. */
export async function startApp(
  apps: ReconcilerProcess[],
  env: Record<string, string>,
): Promise<ReconcilerProcess> {
  const { brokers, redisUrl } = testStackEnv();
  const child: ChildProcess = spawn(process.execPath, [RECONCILER_MAIN], {
    env: {
      ...process.env,
      KAFKA_BROKERS: brokers.join(','),
      REDIS_URL: redisUrl,
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let base = '';
  const app: ReconcilerProcess = {
    get url() {
      return base;
    },
    output: () => output,
    health: () => getJson<HealthBody>(`${base}/health`),
    live: () => getJson<HealthBody>(`${base}/health/live`),
    status: async () => (await getJson<StatusBody>(`${base}/status`)).body,
    metrics: async () => {
      const response = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(10_000) });
      if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
      return response.text();
    },
    stop: async () => {
      await terminate(child, 20_000);
      const exited = child.exitCode !== null || child.signalCode !== null;
      return { exited, ...(exited ? await exit : { code: null, signal: null }) };
    },
  };
  // Registered before it is up, so afterAll stops it even when the start times out.
  apps.push(app);
  const listening = /consuming .* (http:\/\/[^/\s]+)\/status/;
  base = await waitFor(() => listening.exec(output)?.[1], 'the app to listen', 60_000).catch(
    (error: Error) => {
      throw new Error(`${error.message}; app output:\n${output}`);
    },
  );
  return app;
}

async function getJson<T>(url: string): Promise<{ code: number; body: T }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { code: response.status, body: (await response.json()) as T };
}

/** The app on a harness' topics, group and Redis namespace. */
export function harnessEnv(h: ExchangeHarness): Record<string, string> {
  return {
    TOPIC_PREFIX: h.topicPrefix,
    GROUP_ID: h.groupId,
    REDIS_NAMESPACE: h.namespace,
  };
}

/** Ready already before the group's first assignment (no partitions yet): wait for the claims too. */
export async function waitForAssignment(app: ReconcilerProcess): Promise<void> {
  await waitFor(() => app.output().includes('assignment 1'), 'the app to join its group', 60_000);
  await waitFor(
    async () => Object.keys((await app.status()).partitions).length === PARTITIONS,
    'the app to hold every partition',
  );
}

/** Polls `/health` until it answers `code`; the app's output goes into the error otherwise. */
export async function waitForHealth(
  app: ReconcilerProcess,
  code: 200 | 503,
  what: string,
  timeoutMs = 30_000,
): Promise<{ code: number; body: HealthBody }> {
  try {
    return await waitFor(
      async () => {
        const health = await app.health();
        return health.code === code && health;
      },
      `/health ${code} (${what})`,
      timeoutMs,
      100,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; app output:\n${app.output()}`);
  }
}
