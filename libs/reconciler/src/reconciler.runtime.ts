import { type AvroCodec } from '@uamd/codec';
import {
  checkLiveFeeds,
  defaultPlateMatcher,
  outputId,
  reconcile,
  type Country,
  type MatchingConfig,
  type OutputEvent,
  type PartitionState,
  type PlateMatcher,
  type TimedInput,
} from '@uamd/domain';
import {
  deadLetterRecord,
  inputTopics,
  KafkaBatchConsumer,
  KafkaEventProducer,
  topicOffsets,
  committedOffsets,
  type BatchControl,
  type ConsumedBatch,
  type EventProducer,
  type IncomingRecord,
  type OutgoingRecord,
  type TopicNames,
} from '@uamd/messaging';
import {
  FencedError,
  ReconcilerStateStore,
  type OutboxBatch,
  type OutboxEntry,
} from '@uamd/state-store';
import type Redis from 'ioredis';
import { type Kafka } from 'kafkajs';
import { commitFromState, stateFromClaim } from './state-mapping';
import { ReconcilerStats } from './reconciler.stats';
import { PartitionLanes } from './partition-lanes';

export interface ReconcilerOptions {
  kafka: Kafka;
  redis: Redis;
  codec: AvroCodec;
  topics: TopicNames;
  groupId: string;
  /** Redis key namespace of this reconciler's projection. */
  namespace: string;
  matching: MatchingConfig;
  matcher?: PlateMatcher;
  clock?: () => number;
  log?: (message: string) => void;
  /** Fault injection for tests: stop dead right after the Redis write, before publishing (a kill). */
  faults?: { crashAfterCommit?: boolean; killAfterCommit?: boolean };
  /** Kafka group session timeout; a killed instance's partitions move on after this long. */
  sessionTimeoutMs?: number;
  /**
   * Live mode: a side whose heartbeat watermark has not moved for this long (wall clock) while
   * the other side's has raises FeedStale (`checkLiveFeeds`). 0 or absent: off, as replays need.
   */
  liveStaleAfterMs?: number;
}

interface Slot {
  generation: number;
  epoch: string;
  state: PartitionState;
  offsets: Map<string, string>;
  /** Outbox batch ids published to Kafka but still in Redis: deleted by the next commit. */
  published: string[];
  /** The last batch's publish, still in flight while the next batch is decided. */
  publishing: Promise<void>;
  /** Wall clock when each `<post>|<country>` watermark last moved (live stale feeds). */
  lastAdvancedAt: Map<string, number>;
}

class SimulatedCrash extends Error {}

/**
 * Consumes both countries' topics in batches and, per batch of one partition: decode, decide
 * (pure domain), one atomic Redis write of state + offsets + outbox, then publish the outbox.
 */
export class ReconcilerRuntime {
  readonly stats = new ReconcilerStats();
  private readonly store: ReconcilerStateStore;
  private readonly consumer: KafkaBatchConsumer;
  private readonly slots = new Map<number, Slot | 'lost'>();
  private generation = 0;
  private crashed = false;
  /** The topic-partitions the group gave this instance at its last rebalance. */
  assignment: ReadonlyArray<{ topic: string; partition: number }> = [];
  /** Set when the Kafka client gave up; nothing more will be consumed. */
  failure: Error | undefined;
  private stopped = false;
  private readonly lanes = new PartitionLanes();
  private idleFlush: NodeJS.Timeout | undefined;
  private liveCheck: NodeJS.Timeout | undefined;
  private readonly clock: () => number;
  private readonly matcher: PlateMatcher;

  private constructor(
    private readonly options: ReconcilerOptions,
    private readonly producer: EventProducer,
  ) {
    this.store = new ReconcilerStateStore(options.redis, options.namespace);
    this.clock = options.clock ?? Date.now;
    this.matcher = options.matcher ?? defaultPlateMatcher;
    this.consumer = new KafkaBatchConsumer(options.kafka, {
      groupId: options.groupId,
      topics: inputTopics(options.topics),
      concurrency: 4,
      sessionTimeoutMs: options.sessionTimeoutMs,
    });
    this.consumer.onAssignment((assignment) => {
      this.assignment = assignment;
      // A new generation re-claims its partitions: the epoch fences any previous owner.
      void this.lanes
        .barrier(async () => {
          this.generation += 1;
          this.slots.clear();
          this.log(
            `assignment ${this.generation}: partitions ${[...new Set(assignment.map((a) => a.partition))].sort((x, y) => x - y).join(', ')} of ${new Set(assignment.map((a) => a.topic)).size} input topics`,
          );
          await this.seekToStoredOffsets(assignment);
        })
        .catch((e: unknown) => this.log(`assignment: ${String(e)}`));
    });
    this.consumer.onFatal((error) => {
      this.failure = error;
      this.log(`consumer stopped: ${error.message}`);
    });
  }

  static async start(options: ReconcilerOptions): Promise<ReconcilerRuntime> {
    const producer = await KafkaEventProducer.connect(options.kafka);
    const runtime = new ReconcilerRuntime(options, producer);
    const liveStaleAfterMs = options.liveStaleAfterMs ?? 0;
    if (liveStaleAfterMs > 0) {
      runtime.liveCheck = setInterval(
        () => runtime.checkLiveFeeds(liveStaleAfterMs),
        Math.max(100, Math.min(5_000, liveStaleAfterMs / 4)),
      );
      runtime.liveCheck.unref();
    }
    await runtime.consumer.run((batch, control) =>
      runtime.lanes.run(batch.partition, () => runtime.onBatch(batch, control)),
    );
    return runtime;
  }

  get isCrashed(): boolean {
    return this.crashed;
  }

  /** Next offset to process per `topic:partition`, as stored with the state. */
  positions(): Map<string, string> {
    const result = new Map<string, string>();
    for (const [partition, slot] of this.slots) {
      if (slot === 'lost') continue;
      for (const [topic, offset] of slot.offsets) result.set(`${topic}:${partition}`, offset);
    }
    return result;
  }

  /** Reads still waiting for their other half, over the partitions this instance owns. */
  pendingCounts(): { exits: number; overdueExits: number; entries: number } {
    const counts = { exits: 0, overdueExits: 0, entries: 0 };
    for (const slot of this.slots.values()) {
      if (slot === 'lost') continue;
      for (const read of slot.state.pending.values()) {
        // A matched exit kept to absorb duplicates or link a late declaration is not waiting.
        if (read.crossingId !== null) continue;
        if (read.direction === 'ENTRY') counts.entries += 1;
        else if (read.overdueAlarmId) counts.overdueExits += 1;
        else counts.exits += 1;
      }
    }
    return counts;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.idleFlush);
    clearInterval(this.liveCheck);
    await this.consumer.stop();
    await this.settled().catch(() => undefined);
    if (!this.crashed) await this.flushPublished();
    await this.producer.disconnect();
  }

  /** Resolves when no batch is being processed and every committed output has reached Kafka. */
  async settled(): Promise<void> {
    await this.lanes.settled();
    for (const slot of this.slots.values()) if (slot !== 'lost') await slot.publishing;
  }

  private log(message: string): void {
    this.options.log?.(message);
  }

  private async onBatch(batch: ConsumedBatch, control: BatchControl): Promise<void> {
    // A seek from the assignment may have landed while this batch waited for its lane.
    if (this.crashed || this.stopped || !control.isRunning()) return;
    const slot = await this.slotFor(batch.partition);
    if (!slot || batch.records.length === 0) return;
    this.noteHighWatermark(`${batch.topic}:${batch.partition}`, batch.highWatermark);
    const expected =
      slot.offsets.get(batch.topic) ?? (await this.lowOffset(batch.topic, batch.partition));
    const first = BigInt(batch.records[0]!.offset);
    const from = BigInt(expected);
    if (first > from) {
      control.seek(expected);
      return;
    }
    // Already applied records (a redelivery after restart) are skipped: the projection is idempotent.
    const records =
      first === from ? batch.records : batch.records.filter((r) => BigInt(r.offset) >= from);
    if (records.length === 0) {
      // Returning without a seek would have the client fetch these same records forever.
      control.seek(expected);
      return;
    }
    try {
      await this.process(batch, records, slot);
    } catch (error) {
      if (error instanceof FencedError) {
        this.log(error.message);
        this.slots.set(batch.partition, 'lost');
        return;
      }
      if (error instanceof SimulatedCrash) {
        this.crashed = true;
        this.log('simulated crash after the Redis commit, before publishing');
        return;
      }
      // Redis or Kafka failed mid-batch: memory may be ahead of Redis, so reload the partition before retrying.
      this.slots.delete(batch.partition);
      throw error;
    }
    control.resolveOffset(records[records.length - 1]!.offset);
  }

  private async process(
    batch: ConsumedBatch,
    records: IncomingRecord[],
    slot: Slot,
  ): Promise<void> {
    const { topics } = this.options;
    const inputs: Array<TimedInput<IncomingRecord>> = [];
    const deadLetters: OutboxEntry[] = [];
    const toDeadLetter = (record: IncomingRecord, reason: string, detail: string) =>
      deadLetters.push({
        id: `dlq:${record.topic}:${record.partition}:${record.offset}`,
        ...deadLetterRecord(topics.deadLetter, record, reason, detail),
      });
    for (const record of records) {
      try {
        inputs.push({
          event: this.options.codec.decodeInput(record.value).event,
          receivedAt: record.timestamp,
          origin: record,
        });
      } catch (error) {
        const e = error as Error & { reason?: string };
        toDeadLetter(record, e.reason ?? 'UNDECODABLE', e.message);
      }
    }
    const lastOffset = BigInt(records[records.length - 1]!.offset);
    const isCaughtUp = (
      country: Country,
      stream: 'plateReads' | 'declarations' = 'plateReads',
    ): boolean => {
      const topic = topics[stream][country];
      const key = `${topic}:${batch.partition}`;
      const next =
        topic === batch.topic
          ? lastOffset + 1n
          : BigInt(slot.offsets.get(topic) ?? this.lowOffsets.get(key) ?? '0');
      return next >= (this.highOffsets.get(key) ?? 0n);
    };
    const result = reconcile(slot.state, inputs, {
      config: this.options.matching,
      now: this.clock(),
      matcher: this.matcher,
      isCaughtUp,
      trackAdvanced: (this.options.liveStaleAfterMs ?? 0) > 0,
    });
    const advancedAt = this.clock();
    for (const key of result.advanced) slot.lastAdvancedAt.set(key, advancedAt);
    for (const { input, reason } of result.rejected)
      toDeadLetter(input.origin, reason, `${input.event.type} rejected: ${reason}`);
    const outbox = deadLetters.concat(result.outputs.map((o) => this.toOutbox(o, batch.partition)));
    const nextOffset = String(lastOffset + 1n);
    const outboxBatch =
      outbox.length > 0
        ? { batchId: `${batch.topic}:${batch.partition}:${records[0]!.offset}`, entries: outbox }
        : null;
    const commit = commitFromState(
      slot.state,
      [[batch.topic, nextOffset]],
      outboxBatch,
      slot.published,
    );
    await this.store.commit(batch.partition, slot.epoch, commit);
    slot.offsets.set(batch.topic, nextOffset);
    slot.published = [];
    this.stats.batches += 1;
    this.stats.consumed += records.length;
    this.stats.deadLettered += deadLetters.length;
    for (const o of result.outputs) this.stats.outputs[o.type] += 1;
    if (outbox.length > 0) {
      if (this.options.faults?.killAfterCommit) process.kill(process.pid, 'SIGKILL');
      if (this.options.faults?.crashAfterCommit) throw new SimulatedCrash();
    }
    // Publishing overlaps with deciding the next batch; publishes stay in order and one at a time.
    await slot.publishing;
    slot.publishing = this.publish(slot, outboxBatch);
    slot.publishing.catch(() => undefined);
  }

  /** Live stale-feed check per owned partition, in its lane, written and published like a batch. */
  private checkLiveFeeds(liveStaleAfterMs: number): void {
    for (const [partition, slot] of this.slots) {
      if (slot === 'lost') continue;
      void this.lanes
        .run(partition, async () => {
          if (this.stopped || this.crashed || this.slots.get(partition) !== slot) return;
          const now = this.clock();
          const raised = checkLiveFeeds(slot.state, {
            now,
            liveStaleAfterMs,
            lastAdvancedAt: (point, country) => slot.lastAdvancedAt.get(`${point}|${country}`),
          });
          if (raised.length === 0) return;
          const outputs: OutputEvent[] = raised.map((data) => ({ type: 'FeedStale', data }));
          const outboxBatch = {
            batchId: `live:${partition}:${now}`,
            entries: outputs.map((o) => this.toOutbox(o, partition)),
          };
          try {
            await this.store.commit(
              partition,
              slot.epoch,
              commitFromState(slot.state, [], outboxBatch, slot.published),
            );
          } catch (error) {
            if (!(error instanceof FencedError)) throw error;
            this.slots.set(partition, 'lost');
            return;
          }
          slot.published = [];
          for (const o of outputs) this.stats.outputs[o.type] += 1;
          await slot.publishing;
          slot.publishing = this.publish(slot, outboxBatch);
          slot.publishing.catch(() => undefined);
        })
        .catch((e: unknown) => this.log(`live feed check failed: ${String(e)}`));
    }
  }

  private toOutbox(output: OutputEvent, partition: number): OutboxEntry {
    const { topics } = this.options;
    return {
      id: outputId(output),
      topic: output.type === 'CrossingMatched' ? topics.crossings : topics.alerts,
      partition,
      key: output.data.crossingPoint,
      value: this.options.codec.encode(output),
    };
  }

  private async publish(slot: Slot, batch: OutboxBatch | null): Promise<void> {
    if (!batch) return;
    const records: OutgoingRecord[] = batch.entries.map(
      ({ topic, partition, key, value, headers }) => ({ topic, partition, key, value, headers }),
    );
    await this.producer.send(records);
    slot.published.push(batch.batchId);
    this.scheduleIdleFlush();
  }

  /** When traffic pauses, clear published outbox entries instead of waiting for the next batch. */
  private scheduleIdleFlush(): void {
    clearTimeout(this.idleFlush);
    this.idleFlush = setTimeout(() => {
      void this.flushPublished().catch((e: unknown) =>
        this.log(`outbox flush failed: ${String(e)}`),
      );
    }, 250);
  }

  private async flushPublished(): Promise<void> {
    const flushes = [...this.slots].map(([partition, slot]) =>
      this.lanes.run(partition, async () => {
        if (slot === 'lost' || this.slots.get(partition) !== slot) return;
        await slot.publishing;
        if (slot.published.length === 0) return;
        try {
          await this.store.commit(
            partition,
            slot.epoch,
            commitFromState(slot.state, [], null, slot.published),
          );
          slot.published = [];
        } catch (error) {
          if (!(error instanceof FencedError)) throw error;
          this.slots.set(partition, 'lost');
        }
      }),
    );
    await Promise.all(flushes);
  }

  private async slotFor(partition: number): Promise<Slot | null> {
    const existing = this.slots.get(partition);
    if (existing === 'lost') return null;
    if (existing && existing.generation === this.generation) return existing;
    const claimed = await this.store.claim(partition);
    const slot: Slot = {
      generation: this.generation,
      epoch: claimed.epoch,
      state: stateFromClaim(claimed, this.matcher, this.options.matching),
      offsets: claimed.offsets,
      published: [],
      publishing: Promise.resolve(),
      lastAdvancedAt: new Map(),
    };
    this.slots.set(partition, slot);
    for (const left of claimed.outbox) {
      // Left by an instance that stopped between its Redis write and its publish: same ids, consumers dedupe.
      this.log(
        `partition ${partition}: republishing ${left.entries.length} outbox entries of ${left.batchId}`,
      );
      this.stats.republished += left.entries.length;
      await this.publish(slot, left);
    }
    return slot;
  }

  /**
   * Positions every assigned partition where the Redis projection says it stopped (or at the
   * start of the log when Redis is empty, to rebuild it). Kafka's committed offsets are only
   * informational, for lag tools.
   */
  private async seekToStoredOffsets(
    assignment: Array<{ topic: string; partition: number }>,
  ): Promise<void> {
    this.lowOffsets.clear();
    const committed = await committedOffsets(this.options.kafka, this.options.groupId, [
      ...new Set(assignment.map((a) => a.topic)),
    ]);
    for (const { topic, partition } of assignment) {
      const slot = await this.slotFor(partition);
      if (!slot) continue;
      const low = await this.lowOffset(topic, partition);
      const target = slot.offsets.get(topic) ?? low;
      const start = committed.get(`${topic}:${partition}`) ?? '-1';
      // A seek makes the client drop what it already fetched: only seek where it would start elsewhere.
      if (target !== (start === '-1' ? low : start)) this.consumer.seek(topic, partition, target);
    }
  }

  private readonly lowOffsets = new Map<string, string>();
  /** Latest known end of each input topic-partition, to tell a silent feed from an unread backlog. */
  private readonly highOffsets = new Map<string, bigint>();

  private noteHighWatermark(key: string, high: string): void {
    const value = BigInt(high);
    if (value > (this.highOffsets.get(key) ?? -1n)) this.highOffsets.set(key, value);
  }

  private async lowOffset(topic: string, partition: number): Promise<string> {
    const key = `${topic}:${partition}`;
    let low = this.lowOffsets.get(key);
    if (low === undefined) {
      const offsets = await topicOffsets(this.options.kafka, [topic]);
      for (const o of offsets.get(topic) ?? []) {
        this.lowOffsets.set(`${topic}:${o.partition}`, o.low);
        this.noteHighWatermark(`${topic}:${o.partition}`, o.high);
      }
      low = this.lowOffsets.get(key) ?? '0';
    }
    return low;
  }
}
