import { type EventProducer, type OutgoingRecord } from '@uamd/messaging';
import { type OutboxBatch, type ReconcilerStateStore } from '@uamd/state-store';
import { type PartitionSlot } from './partition-slot';
import { commitFromState } from './state-mapping';

/** Called after each Redis commit that left outputs to publish: a test's crash point (it may throw). */
export type AfterCommitHook = (partition: number, batch: OutboxBatch) => void;

/**
 * The one step every change of a partition goes through (docs/design.md §4): the state changes,
 * next offsets and outbox in one fenced Redis script, then the outbox produced to Kafka. Publishes
 * of one partition stay in order, one at a time, and overlap with deciding the next records.
 */
export class PartitionCommitter {
  constructor(
    private readonly store: ReconcilerStateStore,
    private readonly producer: EventProducer,
    private readonly afterCommit?: AfterCommitHook,
    private readonly onPublished?: (batch: OutboxBatch) => void,
    private readonly onCommitted?: (ms: number) => void,
  ) {}

  /** Throws `FencedError` when the instance no longer owns the partition's epoch. */
  async commit(
    slot: PartitionSlot,
    offsets: Array<[string, string]>,
    outbox: OutboxBatch | null,
  ): Promise<void> {
    const started = performance.now();
    await this.store.commit(
      slot.partition,
      slot.epoch,
      commitFromState(slot.state, offsets, outbox, slot.published),
    );
    this.onCommitted?.(performance.now() - started);
    for (const [topic, offset] of offsets) slot.offsets.set(topic, offset);
    slot.published = [];
    if (!outbox) return;
    this.afterCommit?.(slot.partition, outbox);
    await slot.publishing;
    slot.publishing = this.publish(slot, outbox);
    slot.publishing.catch(() => undefined);
  }

  /** Publishes what an earlier owner committed but may not have produced (same ids, same bytes). */
  async republish(slot: PartitionSlot, outbox: OutboxBatch): Promise<void> {
    await slot.publishing;
    slot.publishing = this.publish(slot, outbox);
    await slot.publishing;
  }

  /** Clears published outbox entries when traffic pauses instead of waiting for the next commit. */
  async flush(slot: PartitionSlot): Promise<void> {
    await slot.publishing;
    if (slot.published.length > 0) await this.commit(slot, [], null);
  }

  private async publish(slot: PartitionSlot, batch: OutboxBatch): Promise<void> {
    const records: OutgoingRecord[] = batch.entries.map(
      ({ topic, partition, key, value, headers }) => ({ topic, partition, key, value, headers }),
    );
    await this.producer.send(records);
    slot.published.push(batch.batchId);
    this.onPublished?.(batch);
  }
}
