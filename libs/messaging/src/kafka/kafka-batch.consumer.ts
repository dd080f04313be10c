import { type Consumer, type Kafka, type KafkaMessage } from 'kafkajs';
import {
  type BatchConsumer,
  type BatchControl,
  type ConsumedBatch,
  type IncomingRecord,
} from '../messaging.port';
import { CoPartitionedAssigner } from './co-partitioned.assigner';
import { recordHeaders } from './message-headers';

export interface BatchConsumerOptions {
  groupId: string;
  topics: string[];
  /** Bytes fetched per partition per request; bigger batches mean fewer Redis round trips. */
  maxBytesPerPartition?: number;
  /** Batches of this many partitions may be in the handler at once; the handler orders what must be ordered. */
  concurrency?: number;
  /** How long the group waits for a silent member before handing its partitions on (Kafka's minimum is 6 s). */
  sessionTimeoutMs?: number;
  /** Hands a fetched batch to the handler in slices of at most this many records (tests of batch-size independence). */
  maxBatchRecords?: number;
}

function toRecord(topic: string, partition: number, m: KafkaMessage): IncomingRecord {
  return {
    topic,
    partition,
    offset: m.offset,
    key: m.key,
    value: m.value,
    timestamp: Number(m.timestamp),
    headers: recordHeaders(m.headers),
  };
}

/** kafkajs eachBatch behind the port; offsets are owned by the caller (it seeks), Kafka's commit is informational. */
export class KafkaBatchConsumer implements BatchConsumer {
  private readonly consumer: Consumer;
  private readonly assignmentListeners: Array<
    (a: Array<{ topic: string; partition: number }>) => void
  > = [];

  constructor(
    kafka: Kafka,
    private readonly options: BatchConsumerOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      partitionAssigners: [CoPartitionedAssigner],
      maxBytesPerPartition: options.maxBytesPerPartition ?? 4 * 1024 * 1024,
      maxBytes: 32 * 1024 * 1024,
      maxWaitTimeInMs: 50,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.min(3_000, Math.floor((options.sessionTimeoutMs ?? 30_000) / 3)),
      allowAutoTopicCreation: false,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, (event) => {
      const assignment = Object.entries(event.payload.memberAssignment).flatMap(
        ([topic, partitions]) => partitions.map((partition) => ({ topic, partition })),
      );
      for (const listener of this.assignmentListeners) listener(assignment);
    });
  }

  onFatal(listener: (error: Error) => void): void {
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      if (!event.payload.restart) listener(event.payload.error);
    });
  }

  onAssignment(listener: (assignment: Array<{ topic: string; partition: number }>) => void): void {
    this.assignmentListeners.push(listener);
  }

  async run(
    handler: (batch: ConsumedBatch, control: BatchControl) => Promise<void>,
  ): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    await this.consumer.run({
      autoCommit: true,
      autoCommitInterval: 2_000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.concurrency ?? 1,
      eachBatch: async (payload) => {
        const { batch } = payload;
        if (payload.isStale()) return;
        const { topic, partition } = batch;
        const records = batch.messages.map((m) => toRecord(topic, partition, m));
        const control: BatchControl = {
          resolveOffset: (offset) => payload.resolveOffset(offset),
          heartbeat: () => payload.heartbeat(),
          isRunning: () => payload.isRunning() && !payload.isStale(),
          seek: (offset) => this.consumer.seek({ topic, partition, offset }),
        };
        const size = this.options.maxBatchRecords ?? records.length;
        for (let i = 0; i === 0 || i < records.length; i += Math.max(1, size)) {
          if (i > 0 && !control.isRunning()) return;
          const slice = size >= records.length ? records : records.slice(i, i + size);
          await handler(
            { topic, partition, records: slice, highWatermark: batch.highWatermark },
            control,
          );
        }
      },
    });
  }

  seek(topic: string, partition: number, offset: string): void {
    this.consumer.seek({ topic, partition, offset });
  }

  pause(topic: string, partition: number): void {
    this.consumer.pause([{ topic, partitions: [partition] }]);
  }

  resume(topic: string, partition: number): void {
    this.consumer.resume([{ topic, partitions: [partition] }]);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
