import { type ChildProcess, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hasExited, killNow, spawnServer, terminate } from './child-process';
import { freePort } from './free-port';
import { waitForKafka } from './kafka-ready';
import { type CdsArchive, cdsArchive } from './jvm-cds';
import { findRepoRoot } from './repo-root';
import { writePrivateFile } from './secure/private-file';
import {
  clientSecurity,
  scramFormatArgs,
  secureBrokerProperties,
} from './secure/secure-broker.config';
import { ensureSecureMaterial, type SecureMaterial } from './secure/secure-material';

export interface KafkaBrokerOptions {
  /** Directory for config, metadata and logs; a fresh temp dir (deleted on stop) when omitted. */
  dataDir?: string;
  /** JVM heap in MB (-Xms = -Xmx); default 512. */
  heapMb?: number;
  /** Receives every line the broker prints (WARN and above, plus start/stop milestones). */
  log?: (line: string) => void;
  /** How long to wait for the broker to answer; default 60 s. */
  startTimeoutMs?: number;
  /** Aborts a start in progress: the JVM is stopped and the promise rejects. */
  signal?: AbortSignal;
  /** Client port; a free one when omitted. */
  port?: number;
  /** KRaft controller port; a free one when omitted. */
  controllerPort?: number;
  /**
   * Outlive this process (`uamd stack up`): the JVM gets its own process group, its output goes to
   * this file instead of a pipe, and it keeps running after the caller exits. Needs `dataDir`.
   */
  detachedLogFile?: string;
  /**
   * 'sasl_ssl': clients must log in with SCRAM-SHA-512 over TLS and are held to ACLs
   * (`secure/secure-broker.config.ts`); the broker's admin creates none. Default 'plaintext'.
   */
  security?: 'plaintext' | 'sasl_ssl';
  /** Where the certificates and passwords live for 'sasl_ssl'; `.cache/kafka-secure` when omitted. */
  secureDir?: string;
}

export interface LocalKafka {
  brokers: string[];
  pid: number;
  dataDir: string;
  /** Set for a 'sasl_ssl' broker: its CA and every principal's password. */
  secure?: SecureMaterial;
  stop(): Promise<void>;
  /** Synchronous last resort for process 'exit' handlers: SIGKILL and delete the temp dir. */
  stopSync(): void;
}

/** The broker's main class: its command line is how a recorded pid is recognised as the broker. */
export const KAFKA_MAIN = 'kafka.Kafka';

const DEFAULT_HEAP_MB = 512;
const DEFAULT_START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;

interface KafkaPaths {
  lib: string;
  log4j: string;
  cds: string;
}

/** The jars come from scripts/setup.sh (Maven); the marker proves the download finished. */
export function kafkaPaths(root = findRepoRoot()): KafkaPaths {
  const lib = join(root, '.cache', 'kafka', 'lib');
  if (!existsSync(join(root, '.cache', 'kafka', '.complete')) || !existsSync(lib)) {
    throw new Error(
      `Kafka jars are missing in ${lib}: run \`npm run setup\` first (needs java and maven).`,
    );
  }
  return {
    lib,
    log4j: join(root, 'scripts', 'kafka', 'log4j.properties'),
    cds: join(root, '.cache', 'kafka', 'cds'),
  };
}

/** Starts a single-node KRaft broker+controller as a child JVM and resolves once it serves metadata. */
export async function startKafkaBroker(opts: KafkaBrokerOptions = {}): Promise<LocalKafka> {
  const paths = kafkaPaths();
  if (opts.detachedLogFile && opts.dataDir === undefined)
    throw new Error('a detached Kafka broker needs a dataDir that outlives this process');
  const ownsDir = opts.dataDir === undefined;
  const dir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'uamd-kafka-'));
  mkdirSync(dir, { recursive: true });
  const removeDir = (): void => {
    if (ownsDir) rmSync(dir, { recursive: true, force: true });
  };

  let child: ChildProcess | undefined;
  let cds: CdsArchive | undefined;
  // Until the caller holds a handle, an exiting process must still take the JVM with it.
  const killOnExit = (): void => {
    if (child) killNow(child);
    removeDir();
  };
  process.on('exit', killOnExit);
  try {
    opts.signal?.throwIfAborted();
    const [port, controllerPort] = await brokerPorts(opts);
    const secure =
      opts.security === 'sasl_ssl' ? await ensureSecureMaterial(opts.secureDir) : undefined;
    const config = join(dir, 'server.properties');
    const properties = serverProperties(
      port,
      controllerPort,
      join(dir, 'data'),
      secure && secureBrokerProperties(port, controllerPort, secure),
    );
    // The secure one holds the admin and keystore passwords.
    if (secure) writePrivateFile(config, properties);
    else writeFileSync(config, properties);
    const heapMb = opts.heapMb ?? DEFAULT_HEAP_MB;
    const jvm = jvmArgs(paths, heapMb, dir);

    const scram = secure && scramFormatArgs(dir, secure);
    try {
      const storageCds = cdsArchive(paths.cds, 'kafka-storage');
      await formatStorage(jvm, config, join(dir, 'data'), storageCds, opts.signal, scram?.args);
    } finally {
      scram?.remove();
    }
    opts.signal?.throwIfAborted();

    // A detached JVM outlives whoever would commit a fresh dump, so it only maps one that exists.
    cds = cdsArchive(paths.cds, 'kafka-broker', { dump: !opts.detachedLogFile });
    const server = spawnServer('java', [...jvm, ...cds.jvmArgs, KAFKA_MAIN, config], {
      cwd: dir,
      logFile: opts.detachedLogFile,
      log: opts.log,
    });
    child = server.child;
    const pid = child.pid;
    if (pid === undefined) throw new Error('could not spawn java (is a JDK 17+ on PATH?)');

    const brokers = [`127.0.0.1:${port}`];
    const starting = child;
    const assertAlive = (): void => {
      opts.signal?.throwIfAborted();
      if (hasExited(starting)) {
        const how = String(starting.exitCode ?? starting.signalCode);
        throw new Error(
          `Kafka broker exited during start-up (${how}); last output:\n${server.output()}`,
        );
      }
    };
    await waitForKafka(
      brokers,
      opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      assertAlive,
      server.output,
      secure && clientSecurity(secure),
    );

    const running = child;
    const archive = cds;
    let stopping: Promise<void> | undefined;
    return {
      brokers,
      pid,
      dataDir: dir,
      ...(secure ? { secure } : {}),
      stop: () =>
        (stopping ??= terminate(running, STOP_GRACE_MS).finally(() => {
          archive.commit(running.signalCode !== 'SIGKILL');
          removeDir();
        })),
      stopSync: () => {
        killNow(running);
        archive.commit(false);
        removeDir();
      },
    };
  } catch (err) {
    if (child?.pid !== undefined) await terminate(child, 5_000);
    cds?.commit(false);
    removeDir();
    throw err;
  } finally {
    process.off('exit', killOnExit);
  }
}

async function brokerPorts(opts: KafkaBrokerOptions): Promise<[number, number]> {
  const a = opts.port ?? (await freePort());
  let b = opts.controllerPort ?? (await freePort());
  while (b === a && opts.controllerPort === undefined) b = await freePort();
  if (a === b) throw new Error(`Kafka client and controller ports must differ (both ${a})`);
  return [a, b];
}

/**
 * Single node, fast start, small footprint; internal topics get one partition since there is one
 * broker. `overrides` replace or add properties (the secure listeners).
 */
function serverProperties(
  port: number,
  controllerPort: number,
  logDir: string,
  overrides: Record<string, string> = {},
): string {
  const props: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'inter.broker.listener.name': 'PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': logDir,
    'num.partitions': 3,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'auto.create.topics.enable': false,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'group.initial.rebalance.delay.ms': 0,
    'auto.leader.rebalance.enable': false,
    // Sized for a 2-core dev box; the defaults assume a production server.
    'num.network.threads': 2,
    'num.io.threads': 4,
    'background.threads': 4,
    'num.recovery.threads.per.data.dir': 1,
    'log.cleaner.threads': 1,
    'log.cleaner.dedupe.buffer.size': 16 * 1024 * 1024,
    // Faster unfencing after registration shortens start-up.
    'broker.heartbeat.interval.ms': 500,
  };
  return Object.entries({ ...props, ...overrides })
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('\n')
    .concat('\n');
}

function jvmArgs(paths: KafkaPaths, heapMb: number, dir: string): string[] {
  return [
    `-Xms${heapMb}m`,
    `-Xmx${heapMb}m`,
    '-XX:+UseSerialGC',
    '-XX:+ExitOnOutOfMemoryError',
    // No hsperfdata files left in /tmp.
    '-XX:-UsePerfData',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=${pathToFileURL(paths.log4j).href}`,
    `-Dkafka.logs.dir=${join(dir, 'logs')}`,
    '-cp',
    join(paths.lib, '*'),
  ];
}

/**
 * A KRaft log dir must be formatted with a cluster id before the first start. A dir formatted
 * before (`uamd stack up` after a `down` without `--purge`) keeps its id: the storage tool refuses
 * another one even with `--ignore-formatted`.
 */
async function formatStorage(
  jvm: string[],
  config: string,
  logDir: string,
  cds: CdsArchive,
  signal: AbortSignal | undefined,
  extraArgs: string[] = [],
): Promise<void> {
  const args = [
    ...jvm.filter((a) => !a.startsWith('-Xm')),
    '-Xmx256m',
    // Short-lived: the C1 compiler alone is enough and cheaper.
    '-XX:TieredStopAtLevel=1',
    ...cds.jvmArgs,
    'kafka.tools.StorageTool',
    'format',
  ];
  const clusterId = formattedClusterId(logDir) ?? randomClusterId();
  args.push('-t', clusterId, '-c', config, '--ignore-formatted', ...extraArgs);
  await new Promise<void>((resolve, reject) => {
    execFile(
      'java',
      args,
      { timeout: 60_000, maxBuffer: 4 * 1024 * 1024, signal },
      (err, stdout, stderr) => {
        cds.commit(!err);
        if (err)
          reject(
            new Error(`kafka storage format failed: ${err.message}\n${stdout}\n${stderr}`.trim()),
          );
        else resolve();
      },
    );
  });
}

/** The `cluster.id` of a log dir formatted before, from its meta.properties. */
function formattedClusterId(logDir: string): string | undefined {
  const meta = join(logDir, 'meta.properties');
  if (!existsSync(meta)) return undefined;
  return /^cluster\.id=(.+)$/m.exec(readFileSync(meta, 'utf8'))?.[1]?.trim();
}

/** Same shape as `kafka-storage random-uuid`: 16 random bytes, base64url, never starting with '-'. */
function randomClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
