import { toOutgoingRecord } from '@uamd/customs-service';
import { AvroCodec } from '@uamd/codec';
import {
  DEFAULT_MATCHING_CONFIG,
  eventTimeOf,
  partitionFor,
  type InputEvent,
  type MatchingConfig,
  type OutputEvent,
} from '@uamd/domain';
import {
  allTopics,
  ensureTopics,
  inputTopicFor,
  KafkaEventProducer,
  topicNames,
  inputTopics,
  reachedEnds,
  topicOffsets,
  type IncomingRecord,
  type OutgoingRecord,
  type TopicNames,
} from '@uamd/messaging';
import { ReconcilerRuntime, type ReconcilerOptions } from '@uamd/reconciler';
import Redis from 'ioredis';
import { type Consumer, type Kafka } from 'kafkajs';
import { sideHeartbeats } from '../../libs/domain/src/testing/event-builders';
import { testStackEnv } from './stack-env';
import { uniqueName, waitFor } from './wait-for';
import { testKafka } from './test-kafka';

export const PARTITIONS = 3;

type OutputData<T extends OutputEvent['type']> = Extract<OutputEvent, { type: T }>['data'];

/**
 * A fresh set of topics and a fresh Redis namespace on the real broker and Redis, a producer
 * standing in for the customs services, and a reader of everything the reconciler writes.
 */
export class ExchangeHarness {
  /** What every topic name starts with (the apps' TOPIC_PREFIX), e.g. `sigkill-m1x2-ab12cd.`. */
  readonly topicPrefix: string;
  readonly topics: TopicNames;
  readonly namespace: string;
  readonly groupId: string;
  readonly kafka: Kafka;
  readonly redis: Redis;
  readonly outputs: Array<{ event: OutputEvent; record: IncomingRecord }> = [];
  readonly deadLetters: IncomingRecord[] = [];
  private producer!: KafkaEventProducer;
  private reader!: Consumer;
  private readonly runtimes: ReconcilerRuntime[] = [];
  private readonly readPositions = new Map<string, string>();

  private constructor(
    name: string,
    /** The catalog's ids, or a schema registry's (`AvroCodec.withRegistry`). */
    readonly codec: AvroCodec,
  ) {
    const { redisUrl } = testStackEnv();
    this.topicPrefix = `${uniqueName(name)}.`;
    this.topics = topicNames(this.topicPrefix);
    this.namespace = uniqueName(`test:${name}`);
    this.groupId = uniqueName(`${name}-reconciler`);
    this.kafka = testKafka(name);
    this.redis = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
  }

  static async create(name: string, codec = AvroCodec.load()): Promise<ExchangeHarness> {
    const h = new ExchangeHarness(name, codec);
    await ensureTopics(h.kafka, allTopics(h.topics), PARTITIONS);
    h.producer = await KafkaEventProducer.connect(h.kafka);
    h.reader = h.kafka.consumer({ groupId: uniqueName(`${name}-reader`), maxWaitTimeInMs: 50 });
    await h.reader.connect();
    await h.reader.subscribe({
      topics: [h.topics.crossings, h.topics.alerts, h.topics.deadLetter],
      fromBeginning: true,
    });
    await h.reader.run({
      eachMessage: async ({ topic, partition, message }) => {
        const record: IncomingRecord = {
          topic,
          partition,
          offset: message.offset,
          key: message.key,
          value: message.value,
          timestamp: Number(message.timestamp),
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
          ),
        };
        h.readPositions.set(`${topic}:${partition}`, String(BigInt(message.offset) + 1n));
        if (topic === h.topics.deadLetter) h.deadLetters.push(record);
        else h.outputs.push({ event: h.codec.decodeOutput(message.value).event, record });
        return Promise.resolve();
      },
    });
    return h;
  }

  async startReconciler(
    overrides: Partial<ReconcilerOptions> = {},
    matching: MatchingConfig = DEFAULT_MATCHING_CONFIG,
  ): Promise<ReconcilerRuntime> {
    const runtime = await ReconcilerRuntime.start({
      kafka: this.kafka,
      redis: this.redis,
      codec: this.codec,
      topics: this.topics,
      groupId: this.groupId,
      namespace: this.namespace,
      matching,
      ...overrides,
    });
    this.runtimes.push(runtime);
    return runtime;
  }

  /**
   * Publishes as a customs service would: own topic, keyed and partitioned by crossing point,
   * delivered the moment it happened (record timestamp = the event's own time, docs/design.md §3).
   */
  async publish(...events: InputEvent[]): Promise<void> {
    await this.producer.send(
      events.map((event) => ({
        topic: inputTopicFor(this.topics, event.type, event.data.country),
        partition: partitionFor(event.data.crossingPoint, PARTITIONS),
        key: event.data.crossingPoint,
        value: this.codec.encode(event),
        timestamp: eventTimeOf(event),
      })),
    );
  }

  /**
   * Publishes the events, then both sides' feed heartbeats at every post they name, vouching
   * for everything up to `minute`: without them the reconciler's merge would wait on the
   * silent topics (docs/design.md §3), as it must.
   */
  async publishAndVouch(minute: number, ...events: InputEvent[]): Promise<void> {
    const points = new Set(events.map((e) => e.data.crossingPoint));
    if (points.size === 0) points.add('mohyliv-podilskyi-otaci');
    await this.publish(
      ...events,
      ...[...points].flatMap((point) => [
        ...sideHeartbeats('UA', minute, point),
        ...sideHeartbeats('MD', minute, point),
      ]),
    );
  }

  /**
   * Publishes as a customs service sends (`toOutgoingRecord`, delivered at the event's own time)
   * with `sentAt` as its wall-clock send time, so the reconciler measures latency from it.
   */
  async publishSentAt(sentAt: number, ...events: InputEvent[]): Promise<void> {
    const target = { encoder: this.codec, topics: this.topics, partitions: PARTITIONS };
    await this.producer.send(
      events.map((e) => toOutgoingRecord(e, target, eventTimeOf(e), sentAt)),
    );
  }

  /** Records as they are, timestamps included (a traffic file's delivery times). */
  async publishRecords(records: readonly OutgoingRecord[]): Promise<void> {
    await this.producer.send(records);
  }

  async publishRaw(
    topic: string,
    partition: number,
    key: string,
    value: Buffer,
    timestamp?: number,
  ): Promise<void> {
    await this.producer.send([{ topic, partition, key, value, timestamp }]);
  }

  /**
   * Resolves once the reconcilers (together) have taken every input record written so far and
   * decided all the merge can release.
   */
  async drained(...runtimes: ReconcilerRuntime[]): Promise<void> {
    const ends = await topicOffsets(this.kafka, inputTopics(this.topics));
    await waitFor(
      () => this.fetchedAll(runtimes, ends),
      'the reconciler to drain its inputs',
      120_000,
    );
    for (const runtime of runtimes) await runtime.settled();
  }

  async isDrained(...runtimes: ReconcilerRuntime[]): Promise<boolean> {
    return this.fetchedAll(runtimes, await topicOffsets(this.kafka, inputTopics(this.topics)));
  }

  private fetchedAll(
    runtimes: ReconcilerRuntime[],
    ends: Awaited<ReturnType<typeof topicOffsets>>,
  ): boolean {
    const positions = new Map<string, string>();
    for (const runtime of runtimes)
      for (const [key, offset] of runtime.fetchedPositions()) positions.set(key, offset);
    return reachedEnds(positions, ends);
  }

  /** Resolves once every output written so far has been read. */
  async outputsCaughtUp(): Promise<void> {
    const ends = await topicOffsets(this.kafka, [
      this.topics.crossings,
      this.topics.alerts,
      this.topics.deadLetter,
    ]);
    await waitFor(() => reachedEnds(this.readPositions, ends), 'the output reader to catch up');
  }

  /** The data of every output of one type read so far, in order. */
  outputsOf<T extends OutputEvent['type']>(type: T): OutputData<T>[] {
    const data: OutputData<T>[] = [];
    for (const { event } of this.outputs)
      if (event.type === type) data.push(event.data as OutputData<T>);
    return data;
  }

  matched(): OutputData<'CrossingMatched'>[] {
    return this.outputsOf('CrossingMatched');
  }

  async close(): Promise<void> {
    for (const runtime of this.runtimes) await runtime.stop();
    await this.reader.disconnect();
    await this.producer.disconnect();
    const keys = await this.redis.keys(`${this.namespace}:*`);
    if (keys.length > 0) await this.redis.del(...keys);
    this.redis.disconnect();
  }
}
