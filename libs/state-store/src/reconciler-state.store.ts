import type Redis from 'ioredis';
import { keyList, partitionKeys } from './redis-keys';
import { CLAIM_PARTITION, COMMIT_BATCH } from './partition.scripts';

export interface OutboxEntry {
  id: string;
  topic: string;
  partition: number;
  key: string;
  value: Buffer;
  headers?: Record<string, string>;
}

/** The persisted part of a partition's state, as raw strings: the reconciler owns their meaning. */
export interface ClaimedPartition {
  epoch: string;
  offsets: Map<string, string>;
  pending: Map<string, string>;
  done: Map<string, string>;
  cameras: Map<string, string>;
  alarms: Map<string, string>;
  outbox: OutboxEntry[];
}

export interface BatchCommit {
  offsets: Array<[topic: string, nextOffset: string]>;
  pendingPut: Array<[string, string]>;
  pendingDel: string[];
  donePut: Array<[string, string]>;
  doneDel: string[];
  camerasPut: Array<[string, string]>;
  alarmsPut: Array<[string, string]>;
  alarmsDel: string[];
  outboxPut: OutboxEntry[];
  /** Ids of outbox entries already acknowledged by Kafka. */
  outboxDel: string[];
}

export class FencedError extends Error {
  readonly retriable = false;
  constructor(readonly partition: number, detail: string) {
    super(`partition ${partition}: another reconciler instance owns it now (${detail})`);
  }
}

interface ScriptedRedis extends Redis {
  claimPartitionBuffer(...args: Array<string | number>): Promise<[number, Buffer[], Buffer[], Buffer[], Buffer[], Buffer[], Buffer[]]>;
  commitBatch(...args: Array<string | number | Buffer>): Promise<number>;
}

// Outbox entries are stored as one JSON header line, then the encoded value bytes.
function encodeOutbox(entry: OutboxEntry): Buffer {
  const header = JSON.stringify({ topic: entry.topic, partition: entry.partition, key: entry.key, headers: entry.headers });
  return Buffer.concat([Buffer.from(header + '\n', 'utf8'), entry.value]);
}

function decodeOutbox(id: string, raw: Buffer): OutboxEntry {
  const newline = raw.indexOf(0x0a);
  const header = JSON.parse(raw.subarray(0, newline).toString('utf8')) as Omit<OutboxEntry, 'id' | 'value'>;
  return { id, ...header, value: raw.subarray(newline + 1) };
}

function pairsToMap(flat: Buffer[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i < flat.length; i += 2) map.set(flat[i]!.toString('utf8'), flat[i + 1]!.toString('utf8'));
  return map;
}

/** Redis projection of the reconciler's state: one claim per assignment, one script call per batch. */
export class ReconcilerStateStore {
  private readonly redis: ScriptedRedis;

  constructor(redis: Redis, private readonly namespace: string) {
    this.redis = redis as ScriptedRedis;
    if (typeof this.redis.commitBatch !== 'function') {
      redis.defineCommand('claimPartition', { numberOfKeys: 7, lua: CLAIM_PARTITION });
      redis.defineCommand('commitBatch', { numberOfKeys: 7, lua: COMMIT_BATCH });
    }
  }

  async claim(partition: number): Promise<ClaimedPartition> {
    const [epoch, offsets, pending, done, cameras, alarms, outbox] = await this.redis.claimPartitionBuffer(...keyList(partitionKeys(this.namespace, partition)));
    const outboxEntries: OutboxEntry[] = [];
    for (let i = 0; i < outbox.length; i += 2) outboxEntries.push(decodeOutbox(outbox[i]!.toString('utf8'), outbox[i + 1]!));
    return {
      epoch: String(epoch),
      offsets: pairsToMap(offsets),
      pending: pairsToMap(pending),
      done: pairsToMap(done),
      cameras: pairsToMap(cameras),
      alarms: pairsToMap(alarms),
      outbox: outboxEntries,
    };
  }

  async commit(partition: number, epoch: string, c: BatchCommit): Promise<void> {
    const args: Array<string | Buffer> = [];
    const pairs = (list: Array<[string, string]>) => list.forEach(([k, v]) => args.push(k, v));
    pairs(c.offsets);
    pairs(c.pendingPut);
    args.push(...c.pendingDel);
    pairs(c.donePut);
    args.push(...c.doneDel);
    pairs(c.camerasPut);
    pairs(c.alarmsPut);
    args.push(...c.alarmsDel);
    for (const entry of c.outboxPut) args.push(entry.id, encodeOutbox(entry));
    args.push(...c.outboxDel);
    const counts = [c.offsets.length, c.pendingPut.length, c.pendingDel.length, c.donePut.length, c.doneDel.length, c.camerasPut.length, c.alarmsPut.length, c.alarmsDel.length, c.outboxPut.length, c.outboxDel.length];
    try {
      await this.redis.commitBatch(...keyList(partitionKeys(this.namespace, partition)), epoch, ...counts.map(String), ...args);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('FENCED')) throw new FencedError(partition, error.message);
      throw error;
    }
  }

  /** Deletes every key of the namespace (tests, and `simulate` runs with a fresh namespace). */
  async wipe(partitions: number): Promise<void> {
    const keys = Array.from({ length: partitions }, (_, p) => keyList(partitionKeys(this.namespace, p))).flat();
    await this.redis.del(...keys);
  }
}
