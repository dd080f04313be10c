import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { type AvroCodec } from '@uamd/codec';
import { type PartitionHealth } from '@uamd/reconciler';
import type Redis from 'ioredis';
import { type Admin } from 'kafkajs';
import { CODEC, KAFKA_ADMIN, REDIS } from './reconciler.providers';
import { ReconcilerTransport } from './reconciler.transport';

/** A round trip slower than this counts as unreachable. */
export const KAFKA_PROBE_TIMEOUT_MS = 2_000;
export const REDIS_PROBE_TIMEOUT_MS = 1_000;
export const REGISTRY_PROBE_TIMEOUT_MS = 2_000;

/**
 * The reconciler's own state: started, not crashed, its Kafka client not given up. Down here,
 * only a restart helps, which is why liveness checks this alone.
 */
@Injectable()
export class RuntimeHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly transport: ReconcilerTransport,
  ) {}

  check(): HealthIndicatorResult<'runtime'> {
    const indicator = this.health.check('runtime');
    const runtime = this.transport.runtime;
    if (!runtime) return indicator.down({ error: 'not started' });
    if (runtime.failure)
      return indicator.down({ error: `Kafka client failed: ${runtime.failure.message}` });
    if (runtime.isCrashed) return indicator.down({ error: 'crashed' });
    return indicator.up();
  }
}

/** Every partition the group assigned is being consumed: none lost to another owner or re-claiming. */
@Injectable()
export class PartitionsHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly transport: ReconcilerTransport,
  ) {}

  check(): HealthIndicatorResult<'partitions'> {
    const indicator = this.health.check('partitions');
    const partitions = [...(this.transport.runtime?.partitionHealth() ?? [])];
    const inState = (state: PartitionHealth): number[] =>
      partitions.filter(([, s]) => s === state).map(([p]) => p);
    const consuming = inState('consuming');
    const lost = inState('lost');
    const reclaiming = inState('reclaiming');
    if (lost.length + reclaiming.length === 0) return indicator.up({ consuming });
    const named = [...lost.map((p) => `${p} lost`), ...reclaiming.map((p) => `${p} reclaiming`)];
    return indicator.down({
      error: `partitions not consuming: ${named.join(', ')}`,
      consuming,
      lost,
      reclaiming,
    });
  }
}

/** The broker answers a metadata request. */
@Injectable()
export class KafkaHealthIndicator {
  private readonly probe = new SingleFlight<number>();

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
  ) {}

  async check(): Promise<HealthIndicatorResult<'kafka'>> {
    const indicator = this.health.check('kafka');
    try {
      const brokers = await withTimeout(
        this.probe.run(async () => (await this.admin.describeCluster()).brokers.length),
        KAFKA_PROBE_TIMEOUT_MS,
        'describeCluster',
      );
      return brokers > 0 ? indicator.up({ brokers }) : indicator.down({ error: 'no brokers' });
    } catch (error) {
      return indicator.down({ error: messageOf(error) });
    }
  }
}

/** Redis is connected and answers PING. */
@Injectable()
export class RedisHealthIndicator {
  private readonly probe = new SingleFlight<string>();

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async check(): Promise<HealthIndicatorResult<'redis'>> {
    const indicator = this.health.check('redis');
    // A command sent while disconnected would only wait in ioredis' offline queue.
    if (this.redis.status !== 'ready')
      return indicator.down({ error: `connection ${this.redis.status}` });
    try {
      await withTimeout(
        this.probe.run(() => this.redis.ping()),
        REDIS_PROBE_TIMEOUT_MS,
        'PING',
      );
      return indicator.up();
    } catch (error) {
      return indicator.down({ error: messageOf(error) });
    }
  }
}

/**
 * With SCHEMA_REGISTRY_URL, the registry answers: without it an unknown schema id cannot be
 * told from a new version, so batches holding one are retried, not decided. Up without a
 * registry (the catalog's ids need none).
 */
@Injectable()
export class SchemaRegistryHealthIndicator {
  private readonly probe = new SingleFlight<number>();

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(CODEC) private readonly codec: AvroCodec,
  ) {}

  async check(): Promise<HealthIndicatorResult<'schemaRegistry'>> {
    const indicator = this.health.check('schemaRegistry');
    const url = this.codec.registryUrl;
    if (url === undefined) return indicator.up({ ids: 'schemas/catalog.json' });
    try {
      const status = await withTimeout(
        this.probe.run(async () => (await fetch(`${url}/subjects`)).status),
        REGISTRY_PROBE_TIMEOUT_MS,
        'GET /subjects',
      );
      return status === 200
        ? indicator.up({ url })
        : indicator.down({ url, error: `GET /subjects answered ${status}` });
    } catch (error) {
      return indicator.down({ url, error: messageOf(error) });
    }
  }
}

/** One probe in flight at a time: polls of a hung server must not pile up requests. */
class SingleFlight<T> {
  private inFlight: Promise<T> | undefined;

  run(probe: () => Promise<T>): Promise<T> {
    this.inFlight ??= probe().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
