import { partitionFor, type InputEvent } from '@uamd/domain';
import { HEADERS, inputTopicFor, type OutgoingRecord, type TopicNames } from '@uamd/messaging';

/** The part of the codec a publisher needs; the real one is `AvroCodec`. */
export interface EventEncoder {
  encode(event: InputEvent): Buffer;
}

/** An event and the record it went out as. */
export interface PublishedEvent {
  event: InputEvent;
  record: OutgoingRecord;
}

/** Told of every send Kafka acknowledged, `at` the wall-clock moment it did (the service's metrics). */
export interface PublishObserver {
  published(sent: readonly PublishedEvent[], at: number): void;
}

export interface RecordTarget {
  encoder: EventEncoder;
  topics: TopicNames;
  partitions: number;
}

/**
 * Own country's topic, keyed by crossing point and partitioned by the registry (docs/design.md
 * §1–2). The record timestamp is the event's delivery time in the world (docs/design.md §3): the
 * scheduled time of a generated or replayed event, the receive time of HTTP intake; so a
 * publisher running late still writes the same log.
 */
export function toOutgoingRecord(
  event: InputEvent,
  target: RecordTarget,
  deliverAt: number,
  sentAt: number,
  /** Paced traffic: when this record was due on the wall clock (latency starts there). */
  scheduledAt?: number,
): OutgoingRecord {
  const { crossingPoint, country } = event.data;
  return {
    topic: inputTopicFor(target.topics, event.type, country),
    partition: partitionFor(crossingPoint, target.partitions),
    key: crossingPoint,
    value: target.encoder.encode(event),
    timestamp: deliverAt,
    headers: {
      [HEADERS.sentAt]: String(sentAt),
      ...(scheduledAt !== undefined
        ? { [HEADERS.scheduledAt]: String(Math.round(scheduledAt)) }
        : {}),
    },
  };
}
