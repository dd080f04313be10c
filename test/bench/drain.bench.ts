import { AvroCodec } from '@uamd/codec';
import { DEFAULT_MATCHING_CONFIG, partitionFor } from '@uamd/domain';
import {
  allTopics,
  createKafka,
  ensureTopics,
  inputTopicFor,
  inputTopics,
  KafkaEventProducer,
  topicNames,
  topicOffsets,
  type OutgoingRecord,
} from '@uamd/messaging';
import { ReconcilerRuntime } from '@uamd/reconciler';
import { ReconcilerStateStore } from '@uamd/state-store';
import { generateWorld, observeSide, scenarioByName } from '@uamd/traffic';
import Redis from 'ioredis';
import { type Kafka } from 'kafkajs';

export interface DrainFigures {
  events: number;
  produceSeconds: number;
  bareSeconds: number;
  reconcilerSeconds: number;
  crossings: number;
}

const PARTITIONS = 3;

export async function untilTrue(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string | (() => string),
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`bench: timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Times a bare kafkajs eachBatch consumer with an empty handler over the same backlog. */
async function timeBareConsumer(kafka: Kafka, topics: string[], total: number): Promise<number> {
  const consumer = kafka.consumer({
    groupId: `bench-bare-${Date.now()}`,
    maxBytesPerPartition: 4 * 1024 * 1024,
    maxBytes: 32 * 1024 * 1024,
    maxWaitTimeInMs: 50,
  });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let seen = 0;
  const started = process.hrtime.bigint();
  await consumer.run({
    autoCommit: false,
    eachBatch: ({ batch }) => {
      seen += batch.messages.length;
      return Promise.resolve();
    },
  });
  await untilTrue(
    () => seen >= total,
    60_000,
    () => `the bare consumer (${seen} of ${total} seen)`,
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await consumer.disconnect();
  return seconds;
}

/**
 * Pre-loads a backlog of generated traffic (a weekday at `volumeFactor` times registry
 * volumes, heartbeats and declarations included), then times the bare consumer and the
 * reconciler draining the same backlog from the same broker.
 */
export async function benchDrain(
  brokers: string[],
  redisUrl: string,
  volumeFactor: number,
  log: (line: string) => void,
): Promise<DrainFigures> {
  const codec = AvroCodec.load();
  const kafka = createKafka({ brokers, clientId: 'bench', quiet: true });
  const topics = topicNames(`bench-${Date.now().toString(36)}.`);
  await ensureTopics(kafka, allTopics(topics), PARTITIONS);
  // More lanes with the volume: a load test, not a 40-fold queue.
  const scenario = {
    ...scenarioByName('weekday'),
    volumeFactor,
    entryCapacityFactor: volumeFactor,
  };
  const genStart = process.hrtime.bigint();
  const world = generateWorld(scenario, 7);
  const records: OutgoingRecord[] = [];
  for (const country of ['UA', 'MD'] as const) {
    for (const { event } of observeSide(world, country)) {
      records.push({
        topic: inputTopicFor(topics, event.type, country),
        partition: partitionFor(event.data.crossingPoint, PARTITIONS),
        key: event.data.crossingPoint,
        value: codec.encode(event),
      });
    }
  }
  log(
    `generated and encoded ${records.length} events (${world.trips.length} trips) in ${(Number(process.hrtime.bigint() - genStart) / 1e9).toFixed(1)} s`,
  );

  const producer = await KafkaEventProducer.connect(kafka);
  const produceStart = process.hrtime.bigint();
  for (let i = 0; i < records.length; i += 10_000)
    await producer.send(records.slice(i, i + 10_000));
  const produceSeconds = Number(process.hrtime.bigint() - produceStart) / 1e9;
  await producer.disconnect();

  log(`produced in ${produceSeconds.toFixed(2)} s`);
  const ends = await topicOffsets(kafka, inputTopics(topics));
  const total = [...ends.values()]
    .flat()
    .reduce((n, p) => n + Number(BigInt(p.high) - BigInt(p.low)), 0);
  const bareSeconds = await timeBareConsumer(kafka, inputTopics(topics), total);
  log(`bare consumer read ${total} in ${bareSeconds.toFixed(2)} s`);

  const redis = new Redis(redisUrl);
  const namespace = `bench:${Date.now().toString(36)}`;
  const reconcilerStart = process.hrtime.bigint();
  const runtime = await ReconcilerRuntime.start({
    kafka,
    redis,
    codec,
    topics,
    groupId: `bench-rec-${Date.now()}`,
    namespace,
    matching: DEFAULT_MATCHING_CONFIG,
    log: (m) => log(`reconciler: ${m}`),
  });
  await untilTrue(
    () => {
      if (runtime.failure) throw runtime.failure;
      return runtime.stats.consumed >= total;
    },
    120_000,
    () =>
      `the reconciler (${JSON.stringify(runtime.stats.snapshot())}, positions ${JSON.stringify([...runtime.positions()])})`,
  );
  const reconcilerSeconds = Number(process.hrtime.bigint() - reconcilerStart) / 1e9;
  const crossings = runtime.stats.outputs.CrossingMatched;
  await runtime.stop();
  await new ReconcilerStateStore(redis, namespace).wipe(PARTITIONS);
  redis.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: allTopics(topics) });
  await admin.disconnect();
  return { events: total, produceSeconds, bareSeconds, reconcilerSeconds, crossings };
}
