import { type AvroCodec } from '@uamd/codec';
import {
  checkLiveFeeds,
  defaultPlateMatcher,
  INPUT_FEEDS,
  outputId as outputIdOf,
  reconcile,
  type MatchingConfig,
  type OutputEvent,
  type PlateMatcher,
} from '@uamd/domain';
import {
  committedOffsets,
  KafkaBatchConsumer,
  KafkaEventProducer,
  topicOffsets,
  type BatchControl,
  type ConsumedBatch,
  type EventProducer,
  type IncomingRecord,
  type TopicNames,
} from '@uamd/messaging';
import {
  type ClaimedPartition,
  FencedError,
  ReconcilerStateStore,
  type OutboxEntry,
} from '@uamd/state-store';
import type Redis from 'ioredis';
import { type Kafka } from 'kafkajs';
import { decodeAligned, deadLetterEntry, nextOffsets } from './input-decoding';
import { type AfterCommitHook, PartitionCommitter } from './partition-committer';
import { PartitionLanes } from './partition-lanes';
import { nextToFetch, slotFromClaim, type PartitionSlot } from './partition-slot';
import { ReconcilerStats } from './reconciler.stats';
import { outputHeaders } from './output-headers';

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
  /** Wall clock, for the live stale-feed rule and latency headers only. */
  clock?: () => number;
  log?: (message: string) => void;
  /**
   * Fault injection for tests: stop dead right after a Redis write, before publishing (the
   * first such write, or the n-th one with outputs).
   */
  faults?: { crashAfterCommit?: boolean | number };
  /** Called after every commit that has outputs, before they are published (a kill point for tests). */
  afterCommit?: AfterCommitHook;
  /** Kafka group session timeout; a killed instance's partitions move on after this long. */
  sessionTimeoutMs?: number;
  /**
   * Live mode: a side whose heartbeat watermark has not moved for this long (wall clock) while
   * the other side's has raises FeedStale (`checkLiveFeeds`). 0 or absent: off, as replays need.
   */
  liveStaleAfterMs?: number;
  /** Records handed to the decider per consumer call at most (tests of batch-size independence). */
  maxBatchRecords?: number;
  /** Records buffered per input topic-partition before its fetching is paused (default 20,000). */
  alignerCap?: number;
  /** Told what the runtime does, for metrics (never for decisions). */
  observer?: ReconcilerObserver;
}

/** What a monitor hears from the runtime; every call is cheap and must not throw. */
export interface ReconcilerObserver {
  /** Outputs and dead letters acknowledged by Kafka, with the wall-clock time of the ack. */
  published?(entries: readonly OutboxEntry[], at: number): void;
  /** One fenced Redis commit (state, offsets, outbox) took this long. */
  committed?(ms: number): void;
  /** Input records fetched from one topic. */
  consumed?(topic: string, count: number): void;
}

class SimulatedCrash extends Error {}

/** Records decided per Redis script at most: a long-held input released at once is split up. */
const MAX_RECORDS_PER_COMMIT = 5_000;

export type PartitionHealth = 'consuming' | 'lost' | 'reclaiming';

/**
 * Consumes both countries' topics in batches. Per partition, the four inputs are merged by the
 * aligner into the one order the log defines (docs/design.md §3); each run of released records is
 * decoded, decided (pure domain), committed to Redis with its offsets and outbox in one fenced
 * script, then published (docs/design.md §4).
 */
export class ReconcilerRuntime {
  readonly stats = new ReconcilerStats();
  private readonly store: ReconcilerStateStore;
  private readonly consumer: KafkaBatchConsumer;
  private readonly committer: PartitionCommitter;
  private readonly slots = new Map<number, PartitionSlot | 'lost' | 'reclaiming'>();
  /** Input topics by merge rank (INPUT_FEEDS order), and the rank of each. */
  private readonly topicOfRank: string[];
  private readonly rankOf: Map<string, number>;
  private generation = 0;
  private crashed = false;
  private commitsWithOutputs = 0;
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
  private readonly alignerCap: number;

  private constructor(
    private readonly options: ReconcilerOptions,
    private readonly producer: EventProducer,
  ) {
    this.store = new ReconcilerStateStore(options.redis, options.namespace);
    this.clock = options.clock ?? Date.now;
    this.matcher = options.matcher ?? defaultPlateMatcher;
    this.alignerCap = options.alignerCap ?? 20_000;
    this.topicOfRank = INPUT_FEEDS.map((feed) => options.topics[feed.stream][feed.country]);
    this.rankOf = new Map(this.topicOfRank.map((topic, rank) => [topic, rank]));
    this.committer = new PartitionCommitter(
      this.store,
      producer,
      (partition, batch) => {
        options.afterCommit?.(partition, batch);
        const crashAt = options.faults?.crashAfterCommit;
        if (
          crashAt === true ||
          (typeof crashAt === 'number' && ++this.commitsWithOutputs === crashAt)
        )
          throw new SimulatedCrash();
      },
      (batch) => {
        this.scheduleIdleFlush();
        options.observer?.published?.(batch.entries, this.clock());
      },
      (ms) => options.observer?.committed?.(ms),
    );
    this.consumer = new KafkaBatchConsumer(options.kafka, {
      groupId: options.groupId,
      topics: this.topicOfRank,
      concurrency: 4,
      sessionTimeoutMs: options.sessionTimeoutMs,
      maxBatchRecords: options.maxBatchRecords,
    });
    this.consumer.onAssignment((assignment) => {
      this.assignment = assignment;
      // A new generation re-claims its partitions: the epoch fences any previous owner.
      void this.lanes
        .barrier(async () => {
          this.generation += 1;
          this.slots.clear();
          this.log(
            `assignment ${this.generation}: partitions ${this.assignedPartitions().join(', ')} of ${new Set(assignment.map((a) => a.topic)).size} input topics`,
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

  /** Next offset to decide per `topic:partition`, as stored with the state. */
  positions(): Map<string, string> {
    return this.positionsBy((slot) => slot.offsets);
  }

  /** Next offset to fetch per `topic:partition`: past the records waiting in the aligner. */
  fetchedPositions(): Map<string, string> {
    return this.positionsBy((slot) => new Map([...slot.offsets, ...slot.fetched]));
  }

  /** Per assigned partition: consuming, lost to another owner, or being re-claimed. */
  partitionHealth(): Map<number, PartitionHealth> {
    const health = new Map<number, PartitionHealth>();
    for (const p of this.assignedPartitions()) {
      const slot = this.slots.get(p);
      health.set(p, slot === 'lost' ? 'lost' : slot === 'reclaiming' ? 'reclaiming' : 'consuming');
    }
    return health;
  }

  /** Records waiting in the aligners for another input to catch up, and the inputs they wait on. */
  alignment(): { buffered: number; waitingOn: string[] } {
    let buffered = 0;
    const waitingOn: string[] = [];
    for (const slot of this.ownedSlots()) {
      buffered += slot.aligner.totalBuffered;
      for (const rank of slot.aligner.blockedOn())
        waitingOn.push(`${this.topicOfRank[rank]}:${slot.partition}`);
    }
    return { buffered, waitingOn };
  }

  /** Reads still waiting for their other half, over the partitions this instance owns. */
  pendingCounts(): { exits: number; overdueExits: number; entries: number } {
    const counts = { exits: 0, overdueExits: 0, entries: 0 };
    for (const slot of this.ownedSlots()) {
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
    for (const slot of this.ownedSlots()) await slot.publishing;
  }

  private log(message: string): void {
    this.options.log?.(message);
  }

  private assignedPartitions(): number[] {
    return [...new Set(this.assignment.map((a) => a.partition))].sort((x, y) => x - y);
  }

  private *ownedSlots(): Iterable<PartitionSlot> {
    for (const slot of this.slots.values()) if (typeof slot !== 'string') yield slot;
  }

  private positionsBy(of: (slot: PartitionSlot) => Map<string, string>): Map<string, string> {
    const result = new Map<string, string>();
    for (const slot of this.ownedSlots())
      for (const [topic, offset] of of(slot)) result.set(`${topic}:${slot.partition}`, offset);
    return result;
  }

  private async onBatch(batch: ConsumedBatch, control: BatchControl): Promise<void> {
    // A seek from the assignment may have landed while this batch waited for its lane.
    if (this.crashed || this.stopped || !control.isRunning()) return;
    const slot = await this.slotFor(batch.partition);
    if (!slot || batch.records.length === 0) return;
    const expected =
      nextToFetch(slot, batch.topic) ?? (await this.lowOffset(batch.topic, batch.partition));
    const first = BigInt(batch.records[0]!.offset);
    const from = BigInt(expected);
    // A gap (a fetch from before a seek): go back to where this topic's records are still needed.
    if (first > from) return control.seek(expected);
    // Records already taken (a redelivery) are skipped: the projection is idempotent.
    const records =
      first === from ? batch.records : batch.records.filter((r) => BigInt(r.offset) >= from);
    // Returning without a seek would have the client fetch these same records forever.
    if (records.length === 0) return control.seek(expected);
    const rank = this.rankOf.get(batch.topic)!;
    for (const record of records) slot.aligner.push(rank, record, record.timestamp);
    const last = records[records.length - 1]!.offset;
    slot.fetched.set(batch.topic, String(BigInt(last) + 1n));
    control.resolveOffset(last);
    slot.lastFetchedAt.set(batch.topic, this.clock());
    this.stats.consumed += records.length;
    this.options.observer?.consumed?.(batch.topic, records.length);
    if (slot.aligner.buffered(rank) > this.alignerCap && !slot.paused.has(batch.topic)) {
      slot.paused.add(batch.topic);
      this.consumer.pause(batch.topic, batch.partition);
    }
    await this.guarded(slot, () => this.decideReleased(slot, control));
  }

  /** Runs partition work; a lost projection or a failed round trip re-claims the partition. */
  private async guarded(slot: PartitionSlot, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof SimulatedCrash) {
        this.crashed = true;
        this.log('simulated crash after the Redis commit, before publishing');
        return;
      }
      if (error instanceof FencedError && !error.projectionGone) {
        this.log(error.message);
        this.slots.set(slot.partition, 'lost');
        return;
      }
      // Projection emptied, or Redis/Kafka failed mid-run: memory may be ahead of Redis.
      this.log(`partition ${slot.partition}: ${(error as Error).message}; re-claiming`);
      await this.reclaim(slot.partition);
    }
  }

  private async decideReleased(slot: PartitionSlot, control: BatchControl): Promise<void> {
    const released = slot.aligner.release();
    for (let i = 0; i < released.length; i += MAX_RECORDS_PER_COMMIT) {
      if (i > 0) await control.heartbeat();
      await this.decide(slot, released.slice(i, i + MAX_RECORDS_PER_COMMIT));
    }
    for (const topic of slot.paused) {
      if (slot.aligner.buffered(this.rankOf.get(topic)!) > this.alignerCap / 2) continue;
      slot.paused.delete(topic);
      this.consumer.resume(topic, slot.partition);
    }
  }

  private async decide(
    slot: PartitionSlot,
    aligned: ReadonlyArray<{ item: IncomingRecord; at: number }>,
  ): Promise<void> {
    if (aligned.length === 0) return;
    const { topics, codec } = this.options;
    // Ids the catalog does not know are looked up in the schema registry first (none without one).
    await codec.learnIds(aligned.map(({ item }) => item.value));
    const { inputs, deadLetters } = decodeAligned(codec, topics, aligned);
    const result = reconcile(slot.state, inputs, {
      config: this.options.matching,
      matcher: this.matcher,
      trackAdvanced: (this.options.liveStaleAfterMs ?? 0) > 0,
    });
    const now = this.clock();
    for (const key of result.advanced) slot.lastAdvancedAt.set(key, now);
    for (const { input, reason } of result.rejected)
      deadLetters.push(
        deadLetterEntry(
          topics.deadLetter,
          input.origin,
          reason,
          `${input.event.type} rejected: ${reason}`,
        ),
      );
    const outputs = result.outputs.map((o, k) =>
      this.toOutbox(o, slot.partition, now, inputs[result.causes[k]!]!.origin),
    );
    const entries = deadLetters.concat(outputs);
    const head = aligned[0]!.item;
    const outbox =
      entries.length > 0
        ? { batchId: `${head.topic}:${head.partition}:${head.offset}`, entries }
        : null;
    await this.committer.commit(slot, nextOffsets(aligned), outbox);
    this.stats.batches += 1;
    this.stats.deadLettered += deadLetters.length;
    this.stats.lateInputs += result.late.length;
    for (const o of result.outputs) this.stats.outputs[o.type] += 1;
  }

  /** Live stale-feed check per owned partition, in its lane, committed and published like a run. */
  private checkLiveFeeds(liveStaleAfterMs: number): void {
    for (const slot of this.ownedSlots()) {
      void this.lanes
        .run(slot.partition, () =>
          this.guarded(slot, async () => {
            if (this.stopped || this.crashed || this.slots.get(slot.partition) !== slot) return;
            const now = this.clock();
            const silent = this.silentFeeds(slot, now, liveStaleAfterMs);
            const raised = checkLiveFeeds(slot.state, {
              now,
              liveStaleAfterMs,
              lastAdvancedAt: (point, country) => slot.lastAdvancedAt.get(`${point}|${country}`),
              silent: (country) => silent.has(country),
            });
            if (raised.length === 0) return;
            const outputs: OutputEvent[] = raised.map((data) => ({ type: 'FeedStale', data }));
            const entries = outputs.map((o) => this.toOutbox(o, slot.partition, now));
            await this.committer.commit(slot, [], {
              batchId: `live:${slot.partition}:${now}`,
              entries,
            });
            for (const o of outputs) this.stats.outputs[o.type] += 1;
          }),
        )
        .catch((e: unknown) => this.log(`live feed check failed: ${String(e)}`));
    }
  }

  /** Countries whose feed the merge waits on and that delivered nothing for the live threshold. */
  private silentFeeds(slot: PartitionSlot, now: number, afterMs: number): Set<string> {
    const silent = new Set<string>();
    const latest = Math.max(slot.claimedAt, ...slot.lastFetchedAt.values());
    for (const rank of slot.aligner.blockedOn()) {
      const at = slot.lastFetchedAt.get(this.topicOfRank[rank]!) ?? slot.claimedAt;
      if (now - at > afterMs && latest > at) silent.add(INPUT_FEEDS[rank]!.country);
    }
    return silent;
  }

  private toOutbox(
    output: OutputEvent,
    partition: number,
    decidedAt: number,
    cause?: IncomingRecord,
  ): OutboxEntry {
    const { topics, codec } = this.options;
    return {
      id: outputIdOf(output),
      topic: output.type === 'CrossingMatched' ? topics.crossings : topics.alerts,
      partition,
      key: output.data.crossingPoint,
      value: codec.encode(output),
      headers: outputHeaders(output, decidedAt, cause),
    };
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
    const flushes = [...this.ownedSlots()].map((slot) =>
      this.lanes.run(slot.partition, () =>
        this.guarded(slot, async () => {
          if (this.slots.get(slot.partition) === slot) await this.committer.flush(slot);
        }),
      ),
    );
    await Promise.all(flushes);
  }

  private async slotFor(partition: number): Promise<PartitionSlot | null> {
    const existing = this.slots.get(partition);
    if (existing === 'lost' || existing === 'reclaiming') return null;
    if (existing && existing.generation === this.generation) return existing;
    const claimed = await this.claimOfThisLog(partition);
    const slot = slotFromClaim(
      partition,
      this.generation,
      claimed,
      INPUT_FEEDS.length,
      this.matcher,
      this.options.matching,
      this.clock(),
    );
    this.slots.set(partition, slot);
    for (const left of claimed.outbox) {
      // Left by an instance that stopped between its Redis write and its publish: same ids, same bytes.
      this.log(
        `partition ${partition}: republishing ${left.entries.length} outbox entries of ${left.batchId}`,
      );
      this.stats.republished += left.entries.length;
      await this.committer.republish(slot, left);
    }
    return slot;
  }

  /**
   * A claim whose stored offsets lie beyond the end of the topics is a projection of another log
   * (the topics were deleted and created again, e.g. `uamd stack down --purge`): seeking there
   * would never read a record. It is dropped, outbox included (those outputs belong to the
   * vanished log), and the partition is rebuilt from the start of the log it now has.
   */
  private async claimOfThisLog(partition: number): Promise<ClaimedPartition> {
    const claimed = await this.store.claim(partition);
    if (claimed.offsets.size === 0) return claimed;
    const ends = await topicOffsets(this.options.kafka, this.topicOfRank);
    // The same answer gives the start of each log, which the seek after a claim asks for.
    for (const [topic, offsets] of ends)
      for (const o of offsets) this.lowOffsets.set(`${topic}:${o.partition}`, o.low);
    const ahead = this.topicOfRank.flatMap((topic) => {
      const stored = claimed.offsets.get(topic);
      const high = ends.get(topic)?.find((o) => o.partition === partition)?.high;
      return stored !== undefined && high !== undefined && BigInt(stored) > BigInt(high)
        ? [`${topic}:${partition} stored ${stored}, the log ends at ${high}`]
        : [];
    });
    if (ahead.length === 0) return claimed;
    this.log(
      `partition ${partition}: the Redis projection is ahead of the log (${ahead.join('; ')}): the topics were created again; rebuilding from their start`,
    );
    this.stats.projectionsDropped += 1;
    await this.store.forget(partition, claimed.epoch);
    return this.store.claim(partition);
  }

  /**
   * Takes a partition again after its projection vanished or a round trip failed: a new claim
   * (an emptied Redis is rebuilt from the start of the log), every input sought back to where
   * the stored state stops. Retries until Redis answers; `/health` says so meanwhile.
   */
  private async reclaim(partition: number): Promise<void> {
    this.slots.set(partition, 'reclaiming');
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        this.slots.delete(partition);
        const slot = await this.slotFor(partition);
        if (!slot) return;
        for (const topic of this.topicOfRank) {
          this.consumer.seek(
            topic,
            partition,
            slot.offsets.get(topic) ?? (await this.lowOffset(topic, partition)),
          );
        }
        this.stats.reclaims += 1;
        return;
      } catch (error) {
        this.slots.set(partition, 'reclaiming');
        this.log(`partition ${partition}: re-claim failed (${(error as Error).message}), retrying`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 200 * 2 ** attempt)));
      }
    }
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

  private async lowOffset(topic: string, partition: number): Promise<string> {
    const key = `${topic}:${partition}`;
    let low = this.lowOffsets.get(key);
    if (low === undefined) {
      const offsets = await topicOffsets(this.options.kafka, [topic]);
      for (const o of offsets.get(topic) ?? [])
        this.lowOffsets.set(`${topic}:${o.partition}`, o.low);
      low = this.lowOffsets.get(key) ?? '0';
    }
    return low;
  }
}
