import {
  CompressionTypes,
  Partitioners,
  type Kafka,
  type Producer,
  type TopicMessages,
} from 'kafkajs';
import { type EventProducer, type OutgoingRecord } from '../messaging.port';

/** Below Kafka's default message.max.bytes (1 MiB) with room for batch overhead. */
const MAX_REQUEST_BYTES = 768 * 1024;
/** kafkajs groups a request's messages per partition in time quadratic in their number, so requests stay small. */
const MAX_REQUEST_MESSAGES = 2_000;

/**
 * Idempotent producer, acks=all. kafkajs has no linger: each send() is one request, so the
 * callers hand over whole batches and this groups them by topic into one sendBatch.
 */
export class KafkaEventProducer implements EventProducer {
  /** The send in flight: kafkajs' idempotent producer mis-sequences concurrent sends to one partition. */
  private tail: Promise<void> = Promise.resolve();

  private constructor(private readonly producer: Producer) {}

  static async connect(kafka: Kafka): Promise<KafkaEventProducer> {
    // Every record names its partition (docs/design.md §2), so the partitioner is never consulted.
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    return new KafkaEventProducer(producer);
  }

  /**
   * Sends in requests of bounded size, so no record batch exceeds the broker's message.max.bytes;
   * callers sharing the producer (HTTP intake beside the heartbeats) are served one at a time.
   */
  send(records: readonly OutgoingRecord[]): Promise<void> {
    const next = this.tail.then(() => this.sendNow(records));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async sendNow(records: readonly OutgoingRecord[]): Promise<void> {
    let start = 0;
    let bytes = 0;
    for (let i = 0; i < records.length; i++) {
      const size = records[i]!.value.length + records[i]!.key.length + 64;
      if (i > start && (bytes + size > MAX_REQUEST_BYTES || i - start >= MAX_REQUEST_MESSAGES)) {
        await this.sendChunk(records.slice(start, i));
        start = i;
        bytes = 0;
      }
      bytes += size;
    }
    if (start < records.length) await this.sendChunk(records.slice(start));
  }

  private async sendChunk(records: readonly OutgoingRecord[]): Promise<void> {
    const byTopic = new Map<string, TopicMessages>();
    for (const r of records) {
      let entry = byTopic.get(r.topic);
      if (!entry) {
        entry = { topic: r.topic, messages: [] };
        byTopic.set(r.topic, entry);
      }
      entry.messages.push({
        partition: r.partition,
        key: r.key,
        value: r.value,
        headers: r.headers,
        ...(r.timestamp !== undefined ? { timestamp: String(r.timestamp) } : {}),
      });
    }
    await this.producer.sendBatch({
      topicMessages: [...byTopic.values()],
      acks: -1,
      compression: CompressionTypes.None,
    });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
