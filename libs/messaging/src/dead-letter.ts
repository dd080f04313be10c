import { type IncomingRecord, type OutgoingRecord } from './messaging.port';

/** Headers of a dead-lettered record, readable by any Kafka tool. */
export const DLQ_HEADERS = {
  originalTopic: 'dlq.original.topic',
  originalPartition: 'dlq.original.partition',
  originalOffset: 'dlq.original.offset',
  originalTimestamp: 'dlq.original.timestamp',
  reason: 'dlq.reason',
  detail: 'dlq.detail',
} as const;

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
      [DLQ_HEADERS.originalTopic]: source.topic,
      [DLQ_HEADERS.originalPartition]: String(source.partition),
      [DLQ_HEADERS.originalOffset]: source.offset,
      [DLQ_HEADERS.originalTimestamp]: String(source.timestamp),
      [DLQ_HEADERS.reason]: reason,
      [DLQ_HEADERS.detail]: detail.slice(0, 1000),
    },
  };
}
