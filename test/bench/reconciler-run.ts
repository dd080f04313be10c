import { type AvroCodec } from '@uamd/codec';
import { DEFAULT_MATCHING_CONFIG } from '@uamd/domain';
import { allTopics, ensureTopics, KafkaEventProducer, topicNames } from '@uamd/messaging';
import { type ReconcilerObserver, ReconcilerRuntime } from '@uamd/reconciler';
import { ReconcilerStateStore } from '@uamd/state-store';
import { type Scenario } from '@uamd/traffic';
import type Redis from 'ioredis';
import { type Kafka } from 'kafkajs';
import {
  loadTraffic,
  trafficPublisher,
  writeGeneratedTraffic,
} from '../../apps/cli/src/traffic/traffic-io';
import { untilTrue } from './drain.bench';

export const PARTITIONS = 3;

/** The broker, Redis and codec a bench shares between its runs. */
export interface BenchConnections {
  kafka: Kafka;
  redis: Redis;
  codec: AvroCodec;
}

export interface ReconcilerRun {
  /** Where the generated traffic file is written (the caller owns its directory). */
  file: string;
  scenario: Scenario;
  /** Names the run's topics (`<name>-<id>.`), consumer group (`<name>-<id>`) and Redis namespace (`<name>:<id>`). */
  name: string;
  id: string;
  speed: number | 'max';
  observer?: ReconcilerObserver;
}

export interface ReconcilerRunFigures {
  /** Input events in the traffic file. */
  events: number;
  /** Writing the traffic file. */
  generateSeconds: number;
  /** Reading and checking it back. */
  loadSeconds: number;
  /** From the first send until the publisher is done. */
  publishedSeconds: number;
  /** From the first send until the reconciler has consumed every event and settled. */
  totalSeconds: number;
  /** CrossingMatched outputs of the reconciler. */
  crossings: number;
}

/**
 * One bench run of a scenario through the broker and a reconciler runtime (Redis included): the
 * traffic file written and read back, fresh topics, the reconciler joined to its group before the
 * first send, the traffic published at `speed`, then the wait until the reconciler has consumed
 * every event and settled. The run's Redis namespace is wiped and its topics deleted afterwards.
 */
export async function benchReconcilerRun(
  { kafka, redis, codec }: BenchConnections,
  run: ReconcilerRun,
): Promise<ReconcilerRunFigures> {
  const topics = topicNames(`${run.name}-${run.id}.`);
  const namespace = `${run.name}:${run.id}`;
  try {
    let started = performance.now();
    writeGeneratedTraffic(run.file, run.scenario, 42, 1, codec);
    const generateSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const traffic = loadTraffic(run.file, codec);
    const loadSeconds = (performance.now() - started) / 1000;
    await ensureTopics(kafka, allTopics(topics), PARTITIONS);
    const runtime = await ReconcilerRuntime.start({
      kafka,
      redis,
      codec,
      topics,
      groupId: `${run.name}-${run.id}`,
      namespace,
      matching: DEFAULT_MATCHING_CONFIG,
      observer: run.observer,
    });
    // Let the reconciler join its group first: the timing is of the replay, not of a group join.
    await untilTrue(
      () => runtime.assignment.length > 0,
      30_000,
      () => 'the reconciler group join',
    );
    const producer = await KafkaEventProducer.connect(kafka);
    const publisher = trafficPublisher(traffic, {
      producer,
      codec,
      topics,
      partitions: PARTITIONS,
      speed: run.speed,
    });
    started = performance.now();
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
    const crossings = runtime.stats.outputs.CrossingMatched;
    await producer.disconnect();
    await runtime.stop();
    return {
      events: traffic.events.length,
      generateSeconds,
      loadSeconds,
      publishedSeconds,
      totalSeconds,
      crossings,
    };
  } finally {
    await new ReconcilerStateStore(redis, namespace).wipe(PARTITIONS);
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: allTopics(topics) }).catch(() => undefined);
    await admin.disconnect();
  }
}
