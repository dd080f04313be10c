import { type IncomingRecord, type OutgoingRecord } from './messaging.port';

/** A record that can never be processed, with where it came from and why (headers readable by any Kafka tool). */
export function deadLetterRecord(
  deadLetterTopic: string,
  source: IncomingRecord,
  reason: string,
  detail: string,
): OutgoingRecord {
  return {
    topic: deadLetterTopic,
    partition: source.partition,
    key: source.key?.toString('utf8') ?? '',
    value: source.value ?? Buffer.alloc(0),
    headers: {
      'dlq.original.topic': source.topic,
      'dlq.original.partition': String(source.partition),
      'dlq.original.offset': source.offset,
      'dlq.original.timestamp': String(source.timestamp),
      'dlq.reason': reason,
      'dlq.detail': detail.slice(0, 1000),
    },
  };
}
