import { AvroCodec } from '@uamd/codec';
import {
  DEFAULT_MATCHING_CONFIG,
  feedRankOf,
  InputAligner,
  INPUT_FEEDS,
  partitionFor,
  type InputEvent,
} from '@uamd/domain';
import {
  allTopics,
  HEADERS,
  createKafka,
  ensureTopics,
  inputTopicFor,
  inputTopics,
  KafkaEventProducer,
  topicNames,
  reachedEnds,
  topicOffsets,
  type OutgoingRecord,
  type TopicNames,
} from '@uamd/messaging';
import { type ReconcilerObserver, ReconcilerRuntime } from '@uamd/reconciler';
import { ReconcilerMetrics } from '../../apps/reconciler/src/metrics/reconciler.metrics';
import { ReconcilerStateStore } from '@uamd/state-store';
import { generateWorld, observeBothSides, scenarioByName } from '@uamd/traffic';
import Redis from 'ioredis';
import { type Kafka } from 'kafkajs';

export interface DrainFigures {
  events: number;
  produceSeconds: number;
  bareSeconds: number;
  reconcilerSeconds: number;
  /** The same drain with the reconciler app's metrics as observer (Prometheus + HDR). */
  meteredSeconds: number;
  crossings: number;
  /** The pure merge alone over the same backlog, in this process (its share of the drain). */
  alignerSeconds: number;
  /** A second drain with one input held back, then released. */
  heldBack: {
    topic: string;
    seconds: number;
    peakBuffered: number;
    peakRssMb: number;
    rssBeforeMb: number;
  };
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
  const observed = observeBothSides(world);
  for (const { event, deliverAt } of observed) {
    records.push({
      topic: inputTopicFor(topics, event.type, event.data.country),
      partition: partitionFor(event.data.crossingPoint, PARTITIONS),
      key: event.data.crossingPoint,
      value: codec.encode(event),
      timestamp: deliverAt,
      // As a customs service sends them, so the metrics run below measures latency too.
      headers: { [HEADERS.sentAt]: String(Date.now()) },
    });
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
  const drain = await timeReconciler(kafka, redis, codec, topics, log);
  log(`reconciler decided the backlog in ${drain.seconds.toFixed(2)} s`);
  const metered = await timeReconciler(
    kafka,
    redis,
    codec,
    topics,
    log,
    undefined,
    new ReconcilerMetrics(),
  );
  log(`the same with its Prometheus and HDR metrics on: ${metered.seconds.toFixed(2)} s`);
  const alignerSeconds = timeAligner(observed);
  log(`the merge alone (InputAligner push + release) took ${alignerSeconds.toFixed(3)} s`);
  const heldBack = await benchHeldBack(kafka, redis, codec, topics, records, log);
  redis.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: allTopics(topics) });
  await admin.disconnect();
  return {
    events: total,
    produceSeconds,
    bareSeconds,
    reconcilerSeconds: drain.seconds,
    meteredSeconds: metered.seconds,
    crossings: drain.crossings,
    alignerSeconds,
    heldBack,
  };
}

/** Starts a reconciler on the topics and times it until it has decided everything it can. */
async function timeReconciler(
  kafka: Kafka,
  redis: Redis,
  codec: AvroCodec,
  topics: TopicNames,
  log: (line: string) => void,
  during?: (runtime: ReconcilerRuntime) => Promise<void>,
  observer?: ReconcilerObserver,
): Promise<{ seconds: number; crossings: number }> {
  const namespace = `bench:${Date.now().toString(36)}`;
  const started = process.hrtime.bigint();
  const runtime = await ReconcilerRuntime.start({
    kafka,
    redis,
    codec,
    topics,
    groupId: `bench-rec-${Date.now()}`,
    namespace,
    matching: DEFAULT_MATCHING_CONFIG,
    log: (m) => log(`reconciler: ${m}`),
    observer,
  });
  await during?.(runtime);
  const ends = await topicOffsets(kafka, inputTopics(topics));
  await untilTrue(
    () => {
      if (runtime.failure) throw runtime.failure;
      return reachedEnds(runtime.fetchedPositions(), ends);
    },
    180_000,
    () => `the reconciler (${JSON.stringify(runtime.stats.snapshot())})`,
  );
  await runtime.settled();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const crossings = runtime.stats.outputs.CrossingMatched;
  await runtime.stop();
  await new ReconcilerStateStore(redis, namespace).wipe(PARTITIONS);
  return { seconds, crossings };
}

/** The deterministic merge on its own: the whole backlog pushed and released per partition. */
function timeAligner(observed: ReadonlyArray<{ deliverAt: number; event: InputEvent }>): number {
  const started = process.hrtime.bigint();
  const aligners = new Map<number, InputAligner<InputEvent>>();
  let released = 0;
  for (const { event, deliverAt } of observed) {
    const partition = partitionFor(event.data.crossingPoint, PARTITIONS);
    let aligner = aligners.get(partition);
    if (!aligner) aligners.set(partition, (aligner = new InputAligner(INPUT_FEEDS.length)));
    aligner.push(feedRankOf(event), event, deliverAt);
    released += aligner.release().length;
  }
  if (released === 0) throw new Error('bench: the merge released nothing');
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * The same backlog on fresh topics with one input held back: everything else is produced
 * first, the reconciler runs ahead until its buffers fill (fetching paused), then the held
 * input arrives. Prints the peak of buffered records and of RSS meanwhile.
 */
async function benchHeldBack(
  kafka: Kafka,
  redis: Redis,
  codec: AvroCodec,
  original: TopicNames,
  records: readonly OutgoingRecord[],
  log: (line: string) => void,
): Promise<DrainFigures['heldBack']> {
  const topics = topicNames(`bench-held-${Date.now().toString(36)}.`);
  await ensureTopics(kafka, allTopics(topics), PARTITIONS);
  const rename = new Map(
    inputTopics(original).map((t, i) => [t, inputTopics(topics)[i]!] as const),
  );
  const moved = records.map((r) => ({ ...r, topic: rename.get(r.topic)! }));
  const held = topics.declarations.MD;
  const producer = await KafkaEventProducer.connect(kafka);
  const send = async (part: OutgoingRecord[]) => {
    for (let i = 0; i < part.length; i += 10_000) await producer.send(part.slice(i, i + 10_000));
  };
  await send(moved.filter((r) => r.topic !== held));
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const rssBeforeMb = mb(process.memoryUsage().rss);
  let peakBuffered = 0;
  let peakRss = 0;
  const { seconds } = await timeReconciler(kafka, redis, codec, topics, log, async (runtime) => {
    const sample = setInterval(() => {
      peakBuffered = Math.max(peakBuffered, runtime.alignment().buffered);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    try {
      await untilTrue(() => runtime.stats.consumed > 0, 60_000, 'the held-back drain to start');
      // Long enough for every other input to fill its buffer and be paused.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      log(
        `held back ${held}: ${runtime.alignment().buffered} records buffered, waiting on ${runtime.alignment().waitingOn.join(', ')}`,
      );
      await send(moved.filter((r) => r.topic === held));
    } finally {
      clearInterval(sample);
    }
  });
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: allTopics(topics) });
  await admin.disconnect();
  return { topic: 'md.declarations', seconds, peakBuffered, peakRssMb: mb(peakRss), rssBeforeMb };
}
