import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AvroCodec } from '@uamd/codec';
import { readReconcilerConfig } from '@uamd/config';
import { allTopics, createKafka, ensureTopics, topicNames } from '@uamd/messaging';
import { ReconcilerRuntime } from '@uamd/reconciler';
import Redis from 'ioredis';
import { ReconcilerModule } from './reconciler.module';

async function main(): Promise<void> {
  const config = readReconcilerConfig(process.env);
  const kafka = createKafka({ brokers: config.brokers, clientId: 'reconciler' });
  const topics = topicNames(config.topicPrefix);
  await ensureTopics(kafka, allTopics(topics), config.partitions);
  const redis = new Redis(config.redisUrl);
  const runtime = await ReconcilerRuntime.start({
    kafka,
    redis,
    codec: AvroCodec.load(),
    topics,
    groupId: config.groupId,
    namespace: config.namespace,
    matching: config.matching,
    sessionTimeoutMs: config.sessionTimeoutMs,
    liveStaleAfterMs: config.liveStaleAfterMs,
    // Fault injection for the kill tests: die between the Redis commit and the publish.
    ...(config.killAfterCommit ? { afterCommit: () => process.kill(process.pid, 'SIGKILL') } : {}),
    log: (m) => console.log(`[reconciler] ${m}`),
  });
  const app = await NestFactory.create(ReconcilerModule.forRuntime(runtime), {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  console.log(
    `[reconciler] consuming ${config.topicPrefix || ''}{ua,md}.* with group ${config.groupId}; http://${config.host}:${config.port}/status`,
  );
  process.once('SIGTERM', () => void app.close().finally(() => redis.disconnect()));
  process.once('SIGINT', () => void app.close().finally(() => redis.disconnect()));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
