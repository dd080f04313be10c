import { Inject, Injectable } from '@nestjs/common';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import { type AvroCodec } from '@uamd/codec';
import { type ReconcilerConfig } from '@uamd/config';
import { type TopicNames } from '@uamd/messaging';
import { ReconcilerRuntime } from '@uamd/reconciler';
import type Redis from 'ioredis';
import { type Kafka } from 'kafkajs';
import { LiveFeed } from './live/live-feed';
import { fanOut } from './live/observer-fan-out';
import { ReconcilerMetrics } from './metrics/reconciler.metrics';
import { reconcilerLogger } from './reconciler.logger';
import { CODEC, KAFKA, RECONCILER_CONFIG, REDIS, TOPICS } from './reconciler.providers';

export type ReconcilerTransportStatus = 'starting' | 'consuming' | 'stopped';

/**
 * The reconciler's Kafka side as a Nest transport: it owns the batch consumer (the runtime),
 * started in `listen` and stopped in `close`. There are no per-message handlers: the runtime
 * decodes, aligns and decides whole batches itself (README, design §3 and §4).
 */
@Injectable()
export class ReconcilerTransport
  extends Server<Record<string, never>, ReconcilerTransportStatus>
  implements CustomTransportStrategy
{
  private starting: Promise<ReconcilerRuntime> | undefined;
  private started: ReconcilerRuntime | undefined;

  constructor(
    @Inject(RECONCILER_CONFIG) private readonly config: ReconcilerConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CODEC) private readonly codec: AvroCodec,
    @Inject(TOPICS) private readonly topics: TopicNames,
    private readonly metrics: ReconcilerMetrics,
    private readonly live: LiveFeed,
  ) {
    super();
  }

  /** The running runtime; undefined until `listen` has started it. */
  get runtime(): ReconcilerRuntime | undefined {
    return this.started;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    this._status$.next('starting');
    const { config } = this;
    this.starting = ReconcilerRuntime.start({
      kafka: this.kafka,
      redis: this.redis,
      codec: this.codec,
      topics: this.topics,
      groupId: config.groupId,
      namespace: config.namespace,
      matching: config.matching,
      sessionTimeoutMs: config.sessionTimeoutMs,
      liveStaleAfterMs: config.liveStaleAfterMs,
      // Metrics, and the /live page's feed.
      observer: fanOut(this.metrics, this.live),
      // Fault injection for the kill tests: die between the Redis commit and the publish.
      ...(config.killAfterCommit
        ? { afterCommit: () => process.kill(process.pid, 'SIGKILL') }
        : {}),
      log: (m) => reconcilerLogger.info(m),
    });
    try {
      this.started = await this.starting;
      this._status$.next('consuming');
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    // A signal during start-up: let the start finish, then stop what it started.
    const runtime = await this.starting?.catch(() => undefined);
    await runtime?.stop();
    this._status$.next('stopped');
  }

  /** No events to subscribe to: health and status read the runtime. */
  on(): never {
    throw new Error('the reconciler transport has no events; read its runtime');
  }

  unwrap<T>(): T {
    if (!this.started) throw new Error('the reconciler transport is not listening');
    return this.started as T;
  }
}
