import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isPortOpen } from './free-port';
import { Kafka, logLevel } from 'kafkajs';
import { KAFKA_MAIN, startKafkaBroker } from './kafka-jvm.broker';
import { kafkaSecurityMode } from './local-stack';
import { grantExchangeAcls } from './secure/grant-acls';
import { clientSecurity } from './secure/secure-broker.config';
import { processAlive, processRuns, stopProcess } from './pid-process';
import { pingRedis, startRedisServer } from './redis-local';
import {
  readStackFile,
  removeStackFile,
  stackFilePath,
  type StackRecord,
  writeStackFile,
} from './stack-file';

/** Fixed so a user can write them down; each can be changed on `stack up`. */
export const STACK_DEFAULTS = { kafkaPort: 9092, controllerPort: 9093, redisPort: 6379 } as const;

export interface StackUpOptions {
  kafkaPort?: number;
  controllerPort?: number;
  redisPort?: number;
  heapMb?: number;
  file?: string;
  /** Default: env UAMD_KAFKA_SECURITY, else 'sasl_ssl' with the exchange ACLs (no topic prefix). */
  security?: 'plaintext' | 'sasl_ssl';
}

export interface StackUpResult {
  record: StackRecord;
  /** False when a stack was already running and was left as it was. */
  started: boolean;
  file: string;
}

const REDIS_BINARY = 'redis-server';

/**
 * Starts a Kafka broker (and Redis when none answers) that outlive this process, on fixed ports,
 * and records them in the stack file. Idempotent: a running stack is reported, not doubled.
 */
export async function stackUp(opts: StackUpOptions = {}): Promise<StackUpResult> {
  const file = opts.file ?? stackFilePath();
  const existing = readStackFile(file);
  if (existing && processRuns(existing.kafka.pid, KAFKA_MAIN))
    return { record: existing, started: false, file };
  if (existing) removeStackFile(file);

  const kafkaPort = opts.kafkaPort ?? STACK_DEFAULTS.kafkaPort;
  const controllerPort = opts.controllerPort ?? STACK_DEFAULTS.controllerPort;
  for (const [flag, port] of [
    ['--kafka-port', kafkaPort],
    ['--controller-port', controllerPort],
  ] as const)
    if (await isPortOpen(port))
      throw new Error(
        `port ${port} (${flag}) is taken by another process; pick a free one with ${flag}`,
      );

  const home = dirname(file);
  mkdirSync(home, { recursive: true });
  const redis = await stackRedis(opts.redisPort ?? STACK_DEFAULTS.redisPort, home);
  try {
    const kafkaLog = join(home, 'kafka.log');
    const dataDir = join(home, 'kafka');
    const kafka = await startKafkaBroker({
      port: kafkaPort,
      controllerPort,
      dataDir,
      detachedLogFile: kafkaLog,
      heapMb: opts.heapMb,
      security: opts.security ?? kafkaSecurityMode(),
    });
    if (kafka.secure) {
      // The services started beside it log in as themselves (useStackDefaults), under the table.
      const admin = new Kafka({
        brokers: kafka.brokers,
        logLevel: logLevel.NOTHING,
        ...clientSecurity(kafka.secure),
      });
      await grantExchangeAcls(admin, { topicPrefix: '' });
    }
    const record: StackRecord = {
      version: 1,
      startedAt: new Date().toISOString(),
      kafka: {
        brokers: kafka.brokers,
        pid: kafka.pid,
        dataDir,
        logFile: kafkaLog,
        ...(kafka.secure ? { secureDir: kafka.secure.dir } : {}),
      },
      redis,
    };
    writeStackFile(record, file);
    return { record, started: true, file };
  } catch (err) {
    if (redis.pid !== undefined) await stopProcess(redis.pid, REDIS_BINARY, 5_000);
    throw err;
  }
}

/** A Redis that answers on the port is used as is; otherwise one is started for the stack. */
async function stackRedis(port: number, home: string): Promise<StackRecord['redis']> {
  const url = `redis://127.0.0.1:${port}`;
  if (await pingRedis(url)) return { url };
  if (await isPortOpen(port))
    throw new Error(
      `port ${port} is taken but does not answer Redis PING; pick another with --redis-port`,
    );
  const dir = join(home, 'redis');
  mkdirSync(dir, { recursive: true });
  const logFile = join(home, 'redis.log');
  const started = await startRedisServer({ port, detached: { logFile, dir } });
  return { url: started.url, pid: started.pid, logFile };
}

export interface StackDownResult {
  file: string;
  /** What was stopped, e.g. "Kafka (pid 123)". */
  stopped: string[];
  /** Nothing was recorded as running. */
  wasDown: boolean;
}

/** Stops what `stackUp` started (by the recorded pids, only if they still run that program). */
export async function stackDown(
  opts: { file?: string; purge?: boolean } = {},
): Promise<StackDownResult> {
  const file = opts.file ?? stackFilePath();
  const record = readStackFile(file);
  const stopped: string[] = [];
  if (record) {
    if (await stopProcess(record.kafka.pid, KAFKA_MAIN, 20_000))
      stopped.push(`Kafka (pid ${record.kafka.pid})`);
    if (
      record.redis.pid !== undefined &&
      (await stopProcess(record.redis.pid, REDIS_BINARY, 10_000))
    )
      stopped.push(`Redis (pid ${record.redis.pid})`);
    removeStackFile(file);
  }
  if (opts.purge) {
    const home = dirname(file);
    for (const name of ['kafka', 'redis', 'kafka.log', 'redis.log'])
      rmSync(join(home, name), { recursive: true, force: true });
  }
  return { file, stopped, wasDown: record === undefined };
}

export interface StackStatus {
  file: string;
  record?: StackRecord;
  kafka?: { running: boolean; answers: boolean };
  redis?: { running: boolean; answers: boolean };
}

/** Up means the recorded processes run and answer on their ports. */
export async function stackStatus(opts: { file?: string } = {}): Promise<StackStatus> {
  const file = opts.file ?? stackFilePath();
  const record = readStackFile(file);
  if (!record) return { file };
  const [host = '127.0.0.1', port = '0'] = (record.kafka.brokers[0] ?? '').split(':');
  return {
    file,
    record,
    kafka: {
      running: processRuns(record.kafka.pid, KAFKA_MAIN),
      answers: await isPortOpen(Number(port), host),
    },
    redis: {
      running: record.redis.pid === undefined || processAlive(record.redis.pid),
      answers: await pingRedis(record.redis.url),
    },
  };
}

export function stackIsUp(status: StackStatus): boolean {
  return Boolean(
    status.kafka?.running && status.kafka.answers && status.redis?.running && status.redis.answers,
  );
}
