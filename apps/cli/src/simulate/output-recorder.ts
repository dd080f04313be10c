import { type AvroCodec } from '@uamd/codec';
import { outputId, type OutputEvent } from '@uamd/domain';
import { endToEndMs, latencyOfOutput } from '@uamd/latency';
import { reachedEnds, recordHeaders, topicOffsets, type TopicNames } from '@uamd/messaging';
import { createWriteStream, type WriteStream } from 'node:fs';
import { type Consumer, type Kafka, type KafkaMessage } from 'kafkajs';
import { crossingsLine } from './crossings-line';

export interface RecordedOutputs {
  byType: Record<OutputEvent['type'], number>;
  deadLettered: number;
  /** Match latencies (libs/latency), ms, in arrival order. */
  latencies: number[];
  duplicates: number;
}

/**
 * Reads everything the reconciler publishes, as any downstream consumer would, dedupes by
 * output id (a republish carries the same id), and writes one JSON line per output event
 * (`crossingsLine`: its fields, each time also as ISO-8601 UTC). The wall-clock measurements
 * go to a file of their own (`latency.jsonl`: one line per crossing and overdue alarm), so the
 * decisions file stays the same for every replay of the same log.
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
  private readonly latencyOut: WriteStream;

  private constructor(
    private readonly kafka: Kafka,
    private readonly consumer: Consumer,
    private readonly codec: AvroCodec,
    private readonly topics: TopicNames,
    file: string,
    latencyFile: string,
  ) {
    this.out = createWriteStream(file, { encoding: 'utf8' });
    this.latencyOut = createWriteStream(latencyFile, { encoding: 'utf8' });
  }

  static async start(
    kafka: Kafka,
    codec: AvroCodec,
    topics: TopicNames,
    groupId: string,
    file: string,
    latencyFile: string,
  ): Promise<OutputRecorder> {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 50 });
    const recorder = new OutputRecorder(kafka, consumer, codec, topics, file, latencyFile);
    await consumer.connect();
    await consumer.subscribe({
      topics: [topics.crossings, topics.alerts, topics.deadLetter],
      fromBeginning: true,
    });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) recorder.record(batch.topic, message);
        const last = batch.messages[batch.messages.length - 1];
        if (last)
          recorder.positions.set(`${batch.topic}:${batch.partition}`, BigInt(last.offset) + 1n);
        return Promise.resolve();
      },
    });
    return recorder;
  }

  private record(topic: string, message: KafkaMessage): void {
    if (topic === this.topics.deadLetter) {
      this.result.deadLettered += 1;
      return;
    }
    const { event } = this.codec.decodeOutput(message.value ?? Buffer.alloc(0));
    const id = outputId(event);
    if (this.seen.has(id)) {
      this.result.duplicates += 1;
      return;
    }
    this.seen.add(id);
    this.result.byType[event.type] += 1;
    this.out.write(`${crossingsLine(event)}\n`);
    const sample = latencyOfOutput(
      message.key?.toString() ?? '',
      recordHeaders(message.headers),
      Number(message.timestamp),
    );
    if (!sample) return;
    if (sample.kind === 'match') this.result.latencies.push(sample.ms);
    const { kind, crossingPoint, route, ms, timing } = sample;
    // The later read completed the crossing; `lastInputAt` is its delivery (log time).
    const endToEnd =
      event.type === 'CrossingMatched'
        ? endToEndMs(
            timing,
            Math.max(event.data.exitCaptureTime, event.data.entryCaptureTime),
            event.data.lastInputAt,
          )
        : undefined;
    this.latencyOut.write(
      `${JSON.stringify({ kind, id, crossingPoint, route, ms, endToEndMs: endToEnd, ...timing })}\n`,
    );
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
    for (const stream of [this.out, this.latencyOut])
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
  }
}
