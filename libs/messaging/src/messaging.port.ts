/**
 * The narrow port the rest of the code sees (docs/style.md item 5): kafkajs is unmaintained, so a
 * switch to another client should touch only `kafka/`.
 */
export interface OutgoingRecord {
  topic: string;
  partition: number;
  key: string;
  value: Buffer;
  headers?: Record<string, string>;
  /**
   * Record timestamp, epoch ms. Input records carry their delivery time in the world
   * (docs/design.md §3), set explicitly; left out, the producer stamps its wall clock.
   */
  timestamp?: number;
}

export interface EventProducer {
  /** Sends all records in as few requests as possible; resolves once every broker acknowledged (acks=all). */
  send(records: readonly OutgoingRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface IncomingRecord {
  topic: string;
  partition: number;
  /** Kafka offsets are 64-bit: kept as decimal strings. */
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  /** Record timestamp, epoch ms: for inputs the delivery time in the world (docs/design.md §3). */
  timestamp: number;
  headers: Record<string, string>;
}

export interface ConsumedBatch {
  topic: string;
  partition: number;
  records: IncomingRecord[];
  /** Offset of the next record the broker will write to this partition. */
  highWatermark: string;
}

export interface BatchControl {
  /** Marks records up to `offset` (inclusive) as done, for the group's informational commit. */
  resolveOffset(offset: string): void;
  /** Moves this partition's position; the rest of the current batch is then skipped. */
  seek(offset: string): void;
  heartbeat(): Promise<void>;
  isRunning(): boolean;
}

export interface BatchConsumer {
  /** Called with the full assignment after every rebalance, before batches of the new generation. */
  onAssignment(listener: (assignment: Array<{ topic: string; partition: number }>) => void): void;
  run(handler: (batch: ConsumedBatch, control: BatchControl) => Promise<void>): Promise<void>;
  /** Called when the client gives up (a non-retriable error): the consumer has stopped. */
  onFatal(listener: (error: Error) => void): void;
  /** Moves a partition's position; valid once `run` has started (e.g. from an assignment listener). */
  seek(topic: string, partition: number, offset: string): void;
  /** Stops fetching a topic-partition (an input ahead of the others) until `resume`. */
  pause(topic: string, partition: number): void;
  resume(topic: string, partition: number): void;
  stop(): Promise<void>;
}
