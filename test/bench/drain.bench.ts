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
  type KafkaSecurity,
  topicNames,
  reachedEnds,
  topicOffsets,
  type OutgoingRecord,
  type TopicNames,
} from '@uamd/messaging';
import { grantExchangeAcls } from '@uamd/local-stack';
import { type ReconcilerObserver, ReconcilerRuntime } from '@uamd/reconciler';
import { ReconcilerMetrics } from '../../apps/reconciler/src/metrics/reconciler.metrics';
import { ReconcilerStateStore } from '@uamd/state-store';
import { generateWorld, observeBothSides, scenarioByName } from '@uamd/traffic';
import Redis from 'ioredis';
import { type Kafka } from 'kafkajs';

/** A drain's throughput: the backlog produced, then read by a bare consumer and by the reconciler. */
export interface DrainThroughput {
  events: number;
  produceSeconds: number;
  bareSeconds: number;
  reconcilerSeconds: number;
  crossings: number;
}

export interface DrainFigures extends DrainThroughput {
  /** The same drain with the reconciler app's metrics as observer (Prometheus + HDR). */
  meteredSeconds: number;
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

/** How a drain's clients log in to a SASL_SSL broker; without it every role is one plaintext client. */
export interface DrainSecurity {
  /** A super user: creates, grants and deletes the run's topics and produces the backlog. */
  admin: KafkaSecurity;
  /** Both consumers, held to the exchange's ACLs as the reconciler service is. */
  reconciler: KafkaSecurity;
}

export interface DrainOptions {
  security?: DrainSecurity;
}

const PARTITIONS = 3;
/** Records per send: whole batches, since kafkajs has no linger. */
const SEND_CHUNK = 10_000;

/** One client per role; in plaintext both are the same client. */
interface DrainClients {
  admin: Kafka;
  reconciler: Kafka;
  /** On a secure broker each run's topics need the exchange's ACLs. */
  secure: boolean;
}

/** What a drain's steps share: the clients, Redis, the codec and the produced backlog. */
interface Backlog {
  clients: DrainClients;
  redis: Redis;
  codec: AvroCodec;
  log: (line: string) => void;
  topicPrefix: string;
  topics: TopicNames;
  records: readonly OutgoingRecord[];
  observed: ReadonlyArray<{ deliverAt: number; event: InputEvent }>;
  produceSeconds: number;
}

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
async function timeBareConsumer(
  kafka: Kafka,
  groupId: string,
  topics: string[],
  total: number,
): Promise<number> {
  const consumer = kafka.consumer({
    groupId,
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
 * reconciler draining the same backlog from the same broker. With `options.security` the broker
 * is a SASL_SSL one: admin sets up and produces, both consumers log in as the reconciler.
 */
export function benchDrain(
  brokers: string[],
  redisUrl: string,
  volumeFactor: number,
  log: (line: string) => void,
  options: DrainOptions = {},
): Promise<DrainFigures> {
  return withBacklog(brokers, redisUrl, volumeFactor, log, options, async (backlog) => {
    const throughput = await drainThroughput(backlog);
    const metered = await timeReconciler(
      backlog,
      backlog.topicPrefix,
      backlog.topics,
      undefined,
      new ReconcilerMetrics(),
    );
    log(`the same with its Prometheus and HDR metrics on: ${metered.seconds.toFixed(2)} s`);
    const alignerSeconds = timeAligner(backlog.observed);
    log(`the merge alone (InputAligner push + release) took ${alignerSeconds.toFixed(3)} s`);
    const heldBack = await benchHeldBack(backlog);
    return { ...throughput, meteredSeconds: metered.seconds, alignerSeconds, heldBack };
  });
}

/** benchDrain's produce, bare-consumer and reconciler figures alone. */
export function benchDrainThroughput(
  brokers: string[],
  redisUrl: string,
  volumeFactor: number,
  log: (line: string) => void,
  options: DrainOptions = {},
): Promise<DrainThroughput> {
  return withBacklog(brokers, redisUrl, volumeFactor, log, options, drainThroughput);
}

/** Generates and produces the backlog on fresh topics, runs `body`, then deletes the topics. */
async function withBacklog<T>(
  brokers: string[],
  redisUrl: string,
  volumeFactor: number,
  log: (line: string) => void,
  options: DrainOptions,
  body: (backlog: Backlog) => Promise<T>,
): Promise<T> {
  const codec = AvroCodec.load();
  const clients = drainClients(brokers, options.security);
  const topicPrefix = `bench-${Date.now().toString(36)}.`;
  const topics = await createTopics(clients, topicPrefix);
  const redis = new Redis(redisUrl);
  try {
    const { records, observed } = generateBacklog(codec, topics, volumeFactor, log);
    const producer = await KafkaEventProducer.connect(clients.admin);
    const produceStart = process.hrtime.bigint();
    await sendAll(producer, records);
    const produceSeconds = Number(process.hrtime.bigint() - produceStart) / 1e9;
    await producer.disconnect();
    log(`produced in ${produceSeconds.toFixed(2)} s`);
    return await body({
      clients,
      redis,
      codec,
      log,
      topicPrefix,
      topics,
      records,
      observed,
      produceSeconds,
    });
  } finally {
    redis.disconnect();
    await deleteTopics(clients.admin, topics);
  }
}

/** A weekday at `volumeFactor` (seed 7, so every drain of one factor reads the same events), encoded. */
function generateBacklog(
  codec: AvroCodec,
  topics: TopicNames,
  volumeFactor: number,
  log: (line: string) => void,
): Pick<Backlog, 'records' | 'observed'> {
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
  return { records, observed };
}

async function drainThroughput(b: Backlog): Promise<DrainThroughput> {
  const ends = await topicOffsets(b.clients.admin, inputTopics(b.topics));
  const total = [...ends.values()]
    .flat()
    .reduce((n, p) => n + Number(BigInt(p.high) - BigInt(p.low)), 0);
  const bareSeconds = await timeBareConsumer(
    b.clients.reconciler,
    reconcilerGroup(b.topicPrefix, 'bare'),
    inputTopics(b.topics),
    total,
  );
  b.log(`bare consumer read ${total} in ${bareSeconds.toFixed(2)} s`);
  const drain = await timeReconciler(b, b.topicPrefix, b.topics);
  b.log(`reconciler decided the backlog in ${drain.seconds.toFixed(2)} s`);
  return {
    events: total,
    produceSeconds: b.produceSeconds,
    bareSeconds,
    reconcilerSeconds: drain.seconds,
    crossings: drain.crossings,
  };
}

function drainClients(brokers: string[], security: DrainSecurity | undefined): DrainClients {
  if (!security) {
    const kafka = createKafka({ brokers, clientId: 'bench', quiet: true });
    return { admin: kafka, reconciler: kafka, secure: false };
  }
  const as = (role: string, s: KafkaSecurity) =>
    createKafka({ brokers, clientId: `bench-${role}`, quiet: true, ...s });
  return {
    admin: as('admin', security.admin),
    reconciler: as('reconciler', security.reconciler),
    secure: true,
  };
}

/** The reconciler principal may join only groups named `<topic prefix>reconciler…`. */
function reconcilerGroup(topicPrefix: string, role: string): string {
  return `${topicPrefix}reconciler-${role}-${Date.now()}`;
}

/** Fresh topics; on a secure broker with the exchange's ACLs on them, enforced once this resolves. */
async function createTopics(clients: DrainClients, topicPrefix: string): Promise<TopicNames> {
  const topics = topicNames(topicPrefix);
  await ensureTopics(clients.admin, allTopics(topics), PARTITIONS);
  // Not revoked afterwards: a secure broker here is the bench's own, stopped after it.
  if (clients.secure) await grantExchangeAcls(clients.admin, { topicPrefix });
  return topics;
}

async function deleteTopics(kafka: Kafka, topics: TopicNames): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: allTopics(topics) });
  } finally {
    await admin.disconnect();
  }
}

async function sendAll(
  producer: KafkaEventProducer,
  records: readonly OutgoingRecord[],
): Promise<void> {
  for (let i = 0; i < records.length; i += SEND_CHUNK)
    await producer.send(records.slice(i, i + SEND_CHUNK));
}

/** Starts a reconciler on the topics and times it until it has decided everything it can. */
async function timeReconciler(
  { clients, redis, codec, log }: Backlog,
  topicPrefix: string,
  topics: TopicNames,
  during?: (runtime: ReconcilerRuntime) => Promise<void>,
  observer?: ReconcilerObserver,
): Promise<{ seconds: number; crossings: number }> {
  const kafka = clients.reconciler;
  const namespace = `bench:${Date.now().toString(36)}`;
  const started = process.hrtime.bigint();
  const runtime = await ReconcilerRuntime.start({
    kafka,
    redis,
    codec,
    topics,
    groupId: reconcilerGroup(topicPrefix, 'rec'),
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
async function benchHeldBack(backlog: Backlog): Promise<DrainFigures['heldBack']> {
  const { clients, log } = backlog;
  const topicPrefix = `bench-held-${Date.now().toString(36)}.`;
  const topics = await createTopics(clients, topicPrefix);
  const rename = new Map(
    inputTopics(backlog.topics).map((t, i) => [t, inputTopics(topics)[i]!] as const),
  );
  const moved = backlog.records.map((r) => ({ ...r, topic: rename.get(r.topic)! }));
  const held = topics.declarations.MD;
  const producer = await KafkaEventProducer.connect(clients.admin);
  await sendAll(
    producer,
    moved.filter((r) => r.topic !== held),
  );
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const rssBeforeMb = mb(process.memoryUsage().rss);
  let peakBuffered = 0;
  let peakRss = 0;
  const { seconds } = await timeReconciler(backlog, topicPrefix, topics, async (runtime) => {
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
      await sendAll(
        producer,
        moved.filter((r) => r.topic === held),
      );
    } finally {
      clearInterval(sample);
    }
  });
  await producer.disconnect();
  await deleteTopics(clients.admin, topics);
  return { topic: 'md.declarations', seconds, peakBuffered, peakRssMb: mb(peakRss), rssBeforeMb };
}
