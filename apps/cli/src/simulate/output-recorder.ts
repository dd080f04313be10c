import { type AvroCodec } from '@uamd/codec';
import { outputId, type OutputEvent } from '@uamd/domain';
import { HEADERS, reachedEnds, topicOffsets, type TopicNames } from '@uamd/messaging';
import { createWriteStream, type WriteStream } from 'node:fs';
import { type Consumer, type Kafka } from 'kafkajs';
import { crossingsLine } from './crossings-line';

export interface RecordedOutputs {
  byType: Record<OutputEvent['type'], number>;
  deadLettered: number;
  /** Wall clock from the later source event reaching Kafka to the crossing reaching Kafka, ms. */
  latencies: number[];
  duplicates: number;
}

/**
 * Reads everything the reconciler publishes, as any downstream consumer would, dedupes by
 * output id (a republish carries the same id), and writes one JSON line per output event
 * (`crossingsLine`: its fields, each time also as ISO-8601 UTC).
 */
export class OutputRecorder {
  readonly result: RecordedOutputs = {
    byType: { CrossingMatched: 0, CrossingOverdue: 0, CrossingDiscrepancy: 0, FeedStale: 0 },
    deadLettered: 0,
    latencies: [],
    duplicates: 0,
  };
  private readonly seen = new Set<string>();
  private readonly positions = new Map<string, bigint>();
  private readonly out: WriteStream;

  private constructor(
    private readonly kafka: Kafka,
    private readonly consumer: Consumer,
    private readonly codec: AvroCodec,
    private readonly topics: TopicNames,
    file: string,
  ) {
    this.out = createWriteStream(file, { encoding: 'utf8' });
  }

  static async start(
    kafka: Kafka,
    codec: AvroCodec,
    topics: TopicNames,
    groupId: string,
    file: string,
  ): Promise<OutputRecorder> {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
    const recorder = new OutputRecorder(kafka, consumer, codec, topics, file);
    await consumer.connect();
    await consumer.subscribe({
      topics: [topics.crossings, topics.alerts, topics.deadLetter],
      fromBeginning: true,
    });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const sentAt = message.headers?.[HEADERS.inputSentAt];
          recorder.record(batch.topic, message.value, Number(message.timestamp), sentAt);
        }
        const last = batch.messages[batch.messages.length - 1];
        if (last)
          recorder.positions.set(`${batch.topic}:${batch.partition}`, BigInt(last.offset) + 1n);
        return Promise.resolve();
      },
    });
    return recorder;
  }

  /** `inputSentAt`: wall clock when the input that completed the decision was sent (a header). */
  private record(
    topic: string,
    value: Buffer | null,
    publishedAt: number,
    inputSentAt: Buffer | string | Array<Buffer | string> | undefined,
  ): void {
    if (topic === this.topics.deadLetter) {
      this.result.deadLettered += 1;
      return;
    }
    const { event } = this.codec.decodeOutput(value ?? Buffer.alloc(0));
    const id = outputId(event);
    if (this.seen.has(id)) {
      this.result.duplicates += 1;
      return;
    }
    this.seen.add(id);
    this.result.byType[event.type] += 1;
    // Match latency: from the completing input's send to the crossing's append, both wall clock.
    if (event.type === 'CrossingMatched' && inputSentAt !== undefined)
      this.result.latencies.push(publishedAt - Number(String(inputSentAt)));
    this.out.write(`${crossingsLine(event)}\n`);
  }

  /** True once every output written so far has been read. */
  async caughtUp(): Promise<boolean> {
    const ends = await topicOffsets(this.kafka, [
      this.topics.crossings,
      this.topics.alerts,
      this.topics.deadLetter,
    ]);
    return reachedEnds(this.positions, ends);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await new Promise<void>((resolve, reject) =>
      this.out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}
