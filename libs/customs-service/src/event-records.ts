import { partitionFor, type InputEvent } from '@uamd/domain';
import { inputTopicFor, type OutgoingRecord, type TopicNames } from '@uamd/messaging';

/** The part of the codec a publisher needs; the real one is `AvroCodec`. */
export interface EventEncoder {
  encode(event: InputEvent): Buffer;
}

export interface RecordTarget {
  encoder: EventEncoder;
  topics: TopicNames;
  partitions: number;
}

/** Own country's topic, keyed by crossing point and partitioned by the registry (DESIGN.md §1–2). */
export function toOutgoingRecord(event: InputEvent, target: RecordTarget): OutgoingRecord {
  const { crossingPoint, country } = event.data;
  return {
    topic: inputTopicFor(target.topics, event.type, country),
    partition: partitionFor(crossingPoint, target.partitions),
    key: crossingPoint,
    value: target.encoder.encode(event),
  };
}
