import { AvroCodec } from '@uamd/codec';
import { DEFAULT_MATCHING_CONFIG } from '@uamd/domain';
import {
  allTopics,
  createKafka,
  ensureTopics,
  KafkaEventProducer,
  topicNames,
} from '@uamd/messaging';
import { ReconcilerRuntime } from '@uamd/reconciler';
import { ReconcilerStateStore } from '@uamd/state-store';
import { scenarioByName } from '@uamd/traffic';
import Redis from 'ioredis';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadTraffic,
  trafficPublisher,
  writeGeneratedTraffic,
} from '../../apps/cli/src/traffic/traffic-io';
import { untilTrue } from './drain.bench';

const PARTITIONS = 3;

/**
 * Issue 5's replay target: a national day of traffic (the weekday scenario at target noise,
 * ~75,000 messages) replayed as fast as possible through the broker and the reconciler (Redis
 * included), timed from the first send until the reconciler has consumed every message.
 */
export async function benchReplay(
  brokers: string[],
  redisUrl: string,
  log: (line: string) => void,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'uamd-bench-replay-'));
  const codec = AvroCodec.load();
  const kafka = createKafka({ brokers, clientId: 'bench-replay', quiet: true });
  const topics = topicNames(`bench-replay-${Date.now().toString(36)}.`);
  const redis = new Redis(redisUrl);
  const namespace = `bench-replay:${Date.now().toString(36)}`;
  try {
    const file = join(dir, 'weekday.avro');
    let started = performance.now();
    writeGeneratedTraffic(file, scenarioByName('weekday'), 42, 1, codec);
    const generateSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const traffic = loadTraffic(file, codec);
    const loadSeconds = (performance.now() - started) / 1000;
    await ensureTopics(kafka, allTopics(topics), PARTITIONS);
    const runtime = await ReconcilerRuntime.start({
      kafka,
      redis,
      codec,
      topics,
      groupId: `bench-replay-${Date.now()}`,
      namespace,
      matching: DEFAULT_MATCHING_CONFIG,
    });
    // Let the reconciler join its group first: the timing is of the replay, not of a group join.
    await untilTrue(
      () => runtime.assignment.length > 0,
      30_000,
      () => 'the reconciler group join',
    );
    const producer = await KafkaEventProducer.connect(kafka);
    started = performance.now();
    const publisher = trafficPublisher(traffic, {
      producer,
      codec,
      topics,
      partitions: PARTITIONS,
      speed: 'max',
    });
    publisher.start();
    await publisher.done;
    const publishedSeconds = (performance.now() - started) / 1000;
    await untilTrue(
      () => runtime.stats.consumed >= traffic.events.length,
      120_000,
      () => `the reconciler (${JSON.stringify(runtime.stats.snapshot())})`,
    );
    await runtime.settled();
    const totalSeconds = (performance.now() - started) / 1000;
    const n = traffic.events.length;
    log(
      `weekday traffic file: ${n.toLocaleString('en')} messages, ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB; generated in ${generateSeconds.toFixed(2)} s, read and checked in ${loadSeconds.toFixed(2)} s`,
    );
    log(
      `replay at max through broker + reconciler + Redis: ${totalSeconds.toFixed(2)} s (${Math.round(n / totalSeconds).toLocaleString('en')} messages/s; all sent after ${publishedSeconds.toFixed(2)} s; ${runtime.stats.outputs.CrossingMatched} crossings) — target < 3 s for ~50,000`,
    );
    await producer.disconnect();
    await runtime.stop();
  } finally {
    await new ReconcilerStateStore(redis, namespace).wipe(PARTITIONS);
    redis.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: allTopics(topics) }).catch(() => undefined);
    await admin.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}
