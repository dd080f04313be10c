import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { codecFor } from '@uamd/codec';
import { readReconcilerConfig, type ReconcilerConfig } from '@uamd/config';
import { allTopics, createKafka, ensureTopics, topicNames, type TopicNames } from '@uamd/messaging';
import Redis from 'ioredis';
import { reconcilerLogger } from './reconciler.logger';
import { type Admin, type Kafka } from 'kafkajs';

export const RECONCILER_CONFIG = Symbol('ReconcilerConfig');
export const KAFKA = Symbol('Kafka');
/** A connected admin client of its own, for the readiness probe (the runtime has its own clients). */
export const KAFKA_ADMIN = Symbol('KafkaAdmin');
export const REDIS = Symbol('Redis');
export const CODEC = Symbol('AvroCodec');
export const TOPICS = Symbol('TopicNames');

/** Everything the reconciler connects to, built once from the environment. */
export const reconcilerProviders: Provider[] = [
  { provide: RECONCILER_CONFIG, useFactory: () => readReconcilerConfig(process.env) },
  {
    provide: KAFKA,
    inject: [RECONCILER_CONFIG],
    useFactory: (config: ReconcilerConfig) =>
      createKafka({ brokers: config.brokers, clientId: 'reconciler', ...config.kafkaSecurity }),
  },
  {
    provide: KAFKA_ADMIN,
    inject: [KAFKA],
    useFactory: async (kafka: Kafka): Promise<Admin> => {
      const admin = kafka.admin();
      await admin.connect();
      return admin;
    },
  },
  {
    provide: REDIS,
    inject: [RECONCILER_CONFIG],
    useFactory: (config: ReconcilerConfig) => reportingOutages(new Redis(config.redisUrl)),
  },
  {
    provide: CODEC,
    inject: [RECONCILER_CONFIG],
    useFactory: (config: ReconcilerConfig) => codecFor(config.schemaRegistryUrl),
  },
  {
    provide: TOPICS,
    inject: [RECONCILER_CONFIG, KAFKA],
    useFactory: async (config: ReconcilerConfig, kafka: Kafka): Promise<TopicNames> => {
      const topics = topicNames(config.topicPrefix);
      await ensureTopics(kafka, allTopics(topics), config.partitions);
      return topics;
    },
  },
];

/**
 * Closes Redis and the admin client. On application shutdown, not module destroy: Nest closes
 * the transport (the runtime's stop still flushes the outbox through Redis) in between.
 */
@Injectable()
export class ConnectionsCloser implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.admin.disconnect().catch(() => undefined);
    // QUIT waits for a connection that may never come back; a Redis that is down is just dropped.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

/** Without an error listener ioredis prints every failed reconnect; one line per outage is enough. */
function reportingOutages(redis: Redis): Redis {
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) reconcilerLogger.error(`redis: ${error.message}; reconnecting`);
    down = true;
  });
  redis.on('ready', () => {
    if (down) reconcilerLogger.info('redis: connected again');
    down = false;
  });
  return redis;
}
