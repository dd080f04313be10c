import type Redis from 'ioredis';
import { keyList, partitionKeys, STATE_COLLECTIONS, type StateCollection } from './redis-keys';
import { CLAIM_PARTITION, COMMIT_BATCH, FORGET_PARTITION } from './partition.scripts';

export interface OutboxEntry {
  id: string;
  topic: string;
  partition: number;
  key: string;
  value: Buffer;
  headers?: Record<string, string>;
}

/** The persisted part of a partition's state, as raw strings: the reconciler owns their meaning. */
export type ClaimedPartition = {
  epoch: string;
  offsets: Map<string, string>;
  outbox: OutboxBatch[];
} & Record<StateCollection, Map<string, string>>;

/** One batch's outputs, stored as one Redis field so the outbox costs one write per batch, not one per output. */
export interface OutboxBatch {
  batchId: string;
  entries: OutboxEntry[];
}

/** Puts and deletes of one state collection. */
export interface CollectionWrite {
  put: Array<[string, string]>;
  del: string[];
}
export type CollectionChanges = Record<StateCollection, CollectionWrite>;

export interface BatchCommit {
  offsets: Array<[topic: string, nextOffset: string]>;
  collections: CollectionChanges;
  outboxPut: OutboxBatch | null;
  /** Batch ids whose entries Kafka has acknowledged. */
  outboxDel: string[];
}

export class FencedError extends Error {
  readonly retriable = false;
  /** No epoch at all: the projection was emptied under the instance (not taken by another one). */
  readonly projectionGone: boolean;
  constructor(
    readonly partition: number,
    detail: string,
  ) {
    const gone = detail.endsWith('epoch false');
    super(
      gone
        ? `partition ${partition}: its Redis projection is gone (${detail})`
        : `partition ${partition}: another reconciler instance owns it now (${detail})`,
    );
    this.projectionGone = gone;
  }
}

interface ScriptedRedis extends Redis {
  claimPartitionBuffer(...args: Array<string | number>): Promise<[number, ...Buffer[][]]>;
  commitBatch(args: Array<string | Buffer>): Promise<number>;
}

// An outbox batch is a run of entries, each a length-prefixed JSON header then length-prefixed value bytes.
function encodeOutbox(entries: readonly OutboxEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const header = Buffer.from(
      JSON.stringify({
        id: e.id,
        topic: e.topic,
        partition: e.partition,
        key: e.key,
        headers: e.headers,
      }),
      'utf8',
    );
    const lengths = Buffer.allocUnsafe(8);
    lengths.writeUInt32BE(header.length, 0);
    lengths.writeUInt32BE(e.value.length, 4);
    parts.push(lengths, header, e.value);
  }
  return Buffer.concat(parts);
}

export function decodeOutbox(raw: Buffer): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  for (let pos = 0; pos < raw.length;) {
    const headerLength = raw.readUInt32BE(pos);
    const valueLength = raw.readUInt32BE(pos + 4);
    const header = JSON.parse(raw.toString('utf8', pos + 8, pos + 8 + headerLength)) as Omit<
      OutboxEntry,
      'value'
    >;
    pos += 8 + headerLength;
    entries.push({ ...header, value: Buffer.from(raw.subarray(pos, pos + valueLength)) });
    pos += valueLength;
  }
  return entries;
}

function pairsToMap(flat: Buffer[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < flat.length; i += 2)
    map.set(flat[i]!.toString('utf8'), flat[i + 1]!.toString('utf8'));
  return map;
}

/** Redis projection of the reconciler's state: one claim per assignment, one script call per batch. */
export class ReconcilerStateStore {
  private readonly redis: ScriptedRedis;

  constructor(
    redis: Redis,
    private readonly namespace: string,
  ) {
    this.redis = redis as ScriptedRedis;
    if (typeof this.redis.commitBatch !== 'function') {
      const numberOfKeys = 3 + STATE_COLLECTIONS.length;
      redis.defineCommand('claimPartition', { numberOfKeys, lua: CLAIM_PARTITION });
      redis.defineCommand('commitBatch', { numberOfKeys, lua: COMMIT_BATCH });
    }
  }

  async claim(partition: number): Promise<ClaimedPartition> {
    const [epoch, offsets, outbox, ...collections] = await this.redis.claimPartitionBuffer(
      ...keyList(partitionKeys(this.namespace, partition)),
    );
    const outboxBatches: OutboxBatch[] = [];
    for (let i = 0; i < outbox!.length; i += 2)
      outboxBatches.push({
        batchId: outbox![i]!.toString('utf8'),
        entries: decodeOutbox(outbox![i + 1]!),
      });
    const claimed = {
      epoch: String(epoch),
      offsets: pairsToMap(offsets!),
      outbox: outboxBatches,
    } as ClaimedPartition;
    STATE_COLLECTIONS.forEach((name, i) => (claimed[name] = pairsToMap(collections[i]!)));
    return claimed;
  }

  async commit(partition: number, epoch: string, c: BatchCommit): Promise<void> {
    const flat = (pairs: Array<[string, string]>) => JSON.stringify(pairs.flat());
    const args: Array<string | Buffer> = [
      ...keyList(partitionKeys(this.namespace, partition)),
      epoch,
      flat(c.offsets),
      JSON.stringify(c.outboxDel),
      c.outboxPut?.batchId ?? '',
      c.outboxPut ? encodeOutbox(c.outboxPut.entries) : '',
      ...STATE_COLLECTIONS.flatMap((name) => [
        flat(c.collections[name].put),
        JSON.stringify(c.collections[name].del),
      ]),
    ];
    try {
      await this.redis.commitBatch(args);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('FENCED'))
        throw new FencedError(partition, error.message);
      throw error;
    }
  }

  /**
   * Drops a partition's projection (offsets, outbox, state; the epoch stays, for fencing) if
   * `epoch` still owns it: for a projection of a log that no longer exists. False when fenced.
   */
  async forget(partition: number, epoch: string): Promise<boolean> {
    const [epochKey, ...rest] = keyList(partitionKeys(this.namespace, partition));
    const dropped = await this.redis.eval(
      FORGET_PARTITION,
      1 + rest.length,
      epochKey!,
      ...rest,
      epoch,
    );
    return dropped === 1;
  }

  /** Reads the outbox without claiming the partition (operations and tests). */
  async peekOutbox(partition: number): Promise<OutboxBatch[]> {
    const raw = await this.redis.hgetallBuffer(partitionKeys(this.namespace, partition).outbox);
    return Object.entries(raw).map(([batchId, value]) => ({
      batchId,
      entries: decodeOutbox(value),
    }));
  }

  /** Deletes every key of the namespace (tests, and `simulate` runs with a fresh namespace). */
  async wipe(partitions: number): Promise<void> {
    const keys = Array.from({ length: partitions }, (_, p) =>
      keyList(partitionKeys(this.namespace, p)),
    ).flat();
    await this.redis.del(...keys);
  }
}
