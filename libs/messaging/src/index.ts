export * from './topics';
export * from './messaging.port';
export * from './dead-letter';
export * from './kafka/kafka-client.factory';
export * from './kafka/kafka-event.producer';
export * from './kafka/kafka-batch.consumer';
export * from './kafka/kafka-admin';
export * from './kafka/topic-range.reader';
