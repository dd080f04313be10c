import { dockerAvailable, startKafkaContainer, startRedisContainer } from './docker-stack';
import { type KafkaBrokerOptions, startKafkaBroker } from './kafka-jvm.broker';
import { ensureRedis } from './redis-local';
import { readSecureMaterial, type SecureMaterial } from './secure/secure-material';

export type StackMode = 'auto' | 'jvm' | 'docker';

export interface LocalStackOptions {
  /** Defaults to env UAMD_STACK, else 'auto' (Docker when an engine answers, else the JVM broker). */
  mode?: StackMode;
  /**
   * Options for the JVM broker (ignored on the Docker path). Its `security` defaults to env
   * UAMD_KAFKA_SECURITY, else 'sasl_ssl': SCRAM over TLS with the exchange's ACLs.
   */
  kafka?: KafkaBrokerOptions;
}

export interface LocalStack {
  brokers: string[];
  redisUrl: string;
  /** True when this call started a broker (JVM or container) that stop() will end. */
  startedKafka: boolean;
  /** How Kafka is provided: env KAFKA_BROKERS, a child JVM, or a container. */
  kafkaSource: 'external' | 'jvm' | 'docker';
  /** Pid of the broker JVM when kafkaSource is 'jvm'. */
  kafkaPid?: number;
  /**
   * Set when this stack can log in as each principal of the exchange (`clientSecurity`): a secure
   * JVM broker it started, or an external one whose material env UAMD_KAFKA_SECURE_DIR names.
   * Unset: plaintext, or an external cluster whose one login is the environment's KAFKA_SASL_*.
   */
  secure?: SecureMaterial;
  stop(): Promise<void>;
}

interface Service {
  stop(): Promise<void>;
  stopSync?(): void;
}

/**
 * Kafka + Redis for tests, the demo and benchmarks. Env KAFKA_BROKERS / REDIS_URL point at existing
 * services (nothing is started for them); otherwise Docker (testcontainers) or a local JVM broker.
 */
export async function startLocalStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
  const mode = resolveMode(opts.mode);
  const envBrokers = parseBrokers(process.env.KAFKA_BROKERS);
  const envRedis = process.env.REDIS_URL || undefined;
  const useDocker = envBrokers === undefined && mode !== 'jvm' && (await dockerAvailable());
  if (envBrokers === undefined && mode === 'docker' && !useDocker) {
    throw new Error(
      'UAMD_STACK=docker but no Docker engine answers; unset it to use the local JVM broker',
    );
  }

  const started: Service[] = [];
  // A signal during start-up aborts the broker start, so nothing half-started outlives the process.
  const abort = new AbortController();
  let pending: Promise<unknown> = Promise.resolve();
  const guard = installExitGuard(started, async () => {
    abort.abort();
    await pending.catch(() => undefined);
  });
  try {
    let redisUrl: string;
    if (useDocker && !envRedis) {
      const redis = await startRedisContainer();
      started.push(redis);
      redisUrl = redis.url;
    } else {
      const redis = await ensureRedis(envRedis);
      started.push(redis);
      redisUrl = redis.url;
    }

    let brokers: string[];
    let kafkaSource: LocalStack['kafkaSource'];
    let kafkaPid: number | undefined;
    let secure: SecureMaterial | undefined;
    if (envBrokers) {
      brokers = envBrokers;
      kafkaSource = 'external';
      secure = externalMaterial(process.env.UAMD_KAFKA_SECURE_DIR);
    } else if (useDocker) {
      const kafka = await startKafkaContainer();
      started.push(kafka);
      brokers = kafka.url.split(',');
      kafkaSource = 'docker';
    } else {
      const security = opts.kafka?.security ?? kafkaSecurityMode();
      const starting = startKafkaBroker({ ...opts.kafka, security, signal: abort.signal });
      pending = starting;
      const kafka = await starting;
      started.push(kafka);
      brokers = kafka.brokers;
      kafkaSource = 'jvm';
      kafkaPid = kafka.pid;
      secure = kafka.secure;
    }

    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => (stopping ??= stopAll(started).finally(() => guard.remove()));
    const startedKafka = kafkaSource !== 'external';
    return {
      brokers,
      redisUrl,
      startedKafka,
      kafkaSource,
      kafkaPid,
      ...(secure ? { secure } : {}),
      stop,
    };
  } catch (err) {
    await stopAll(started);
    guard.remove();
    throw err;
  }
}

function resolveMode(explicit: StackMode | undefined): StackMode {
  const mode = explicit ?? (process.env.UAMD_STACK || 'auto');
  if (mode === 'auto' || mode === 'jvm' || mode === 'docker') return mode;
  throw new Error(`UAMD_STACK must be jvm, docker or auto (got "${mode}")`);
}

/** The local broker's security: env UAMD_KAFKA_SECURITY, else 'sasl_ssl'. */
export function kafkaSecurityMode(): 'plaintext' | 'sasl_ssl' {
  const value = process.env.UAMD_KAFKA_SECURITY?.trim() || 'sasl_ssl';
  if (value === 'plaintext' || value === 'sasl_ssl') return value;
  throw new Error(`UAMD_KAFKA_SECURITY must be sasl_ssl or plaintext (got "${value}")`);
}

/** The material of a secure broker started elsewhere (the test run's global set-up). */
function externalMaterial(dir: string | undefined): SecureMaterial | undefined {
  if (!dir?.trim()) return undefined;
  const material = readSecureMaterial(dir.trim());
  if (!material)
    throw new Error(`UAMD_KAFKA_SECURE_DIR=${dir} holds no complete secure Kafka material`);
  return material;
}

function parseBrokers(value: string | undefined): string[] | undefined {
  const list = (value ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  return list.length > 0 ? list : undefined;
}

/** Stops in reverse start order and reports every failure, not just the first. */
async function stopAll(services: Service[]): Promise<void> {
  const results = await Promise.allSettled([...services].reverse().map((s) => s.stop()));
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length > 0)
    throw new AggregateError(
      failures.map((f): unknown => f.reason),
      'local stack did not stop cleanly',
    );
}

/**
 * An interrupted run (Ctrl-C, SIGTERM, an uncaught exit) must not leave a broker behind: signals
 * stop everything and re-raise; a plain exit kills child processes synchronously.
 */
function installExitGuard(
  services: Service[],
  abortStart: () => Promise<void>,
): { remove(): void } {
  const onExit = (): void => {
    for (const s of services) s.stopSync?.();
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    removeSignals();
    void abortStart()
      .then(() => stopAll(services))
      .catch(() => undefined)
      .finally(() => {
        process.off('exit', onExit);
        process.kill(process.pid, signal);
      });
  };
  const removeSignals = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    remove: () => {
      removeSignals();
      process.off('exit', onExit);
    },
  };
}
