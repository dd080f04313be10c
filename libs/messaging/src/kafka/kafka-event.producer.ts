import { CompressionTypes, Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import { type EventProducer, type OutgoingRecord } from '../messaging.port';

/**
 * Idempotent producer, acks=all. kafkajs has no linger: each send() is one request, so the
 * callers hand over whole batches and this groups them by topic into one sendBatch.
 */
export class KafkaEventProducer implements EventProducer {
  private constructor(private readonly producer: Producer) {}

  static async connect(kafka: Kafka): Promise<KafkaEventProducer> {
    // Every record names its partition (DESIGN.md §2), so the partitioner is never consulted.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return new KafkaEventProducer(producer);
  }

  async send(records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    const byTopic = new Map<string, TopicMessages>();
    for (const r of records) {
      let entry = byTopic.get(r.topic);
      if (!entry) {
        entry = { topic: r.topic, messages: [] };
        byTopic.set(r.topic, entry);
      }
      entry.messages.push({ partition: r.partition, key: r.key, value: r.value, headers: r.headers });
    }
    await this.producer.sendBatch({ topicMessages: [...byTopic.values()], acks: -1, compression: CompressionTypes.None });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
