import { type Kafka } from 'kafkajs';
import { type IncomingRecord } from '../messaging.port';
import { reachedEnds, topicOffsets } from './kafka-admin';
import { recordHeaders } from './message-headers';

export interface TopicRangeOptions {
  topics: string[];
  /** Kafka timestamps (epoch ms, when each message reached Kafka), inclusive. */
  from: number;
  to: number;
  /** Consumer group for this one read; nothing is committed. */
  groupId: string;
  /** Wall clock, injectable for tests. */
  now?: () => number;
}

/**
 * Every message of the topics whose Kafka timestamp lies in [from, to], as a one-off read: it
 * starts at the offsets of `from` (Kafka's time index), waits until `to` has passed when it is
 * still ahead (a live capture), and stops at the topic ends of that moment.
 */
export async function readTopicRange(
  kafka: Kafka,
  o: TopicRangeOptions,
): Promise<IncomingRecord[]> {
  const now = o.now ?? Date.now;
  const wait = o.to - now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 200));
  const ends = await topicOffsets(kafka, o.topics);
  const admin = kafka.admin();
  await admin.connect();
  const starts = new Map<string, string>();
  try {
    for (const topic of o.topics)
      for (const p of await admin.fetchTopicOffsetsByTimestamp(topic, o.from))
        starts.set(`${topic}:${p.partition}`, p.offset);
  } finally {
    await admin.disconnect();
  }
  const records: IncomingRecord[] = [];
  const positions = new Map<string, bigint>();
  for (const [topic, partitions] of ends)
    for (const p of partitions)
      positions.set(
        `${topic}:${p.partition}`,
        BigInt(starts.get(`${topic}:${p.partition}`) ?? p.high),
      );
  if (reachedEnds(positions, ends)) return records;
  const consumer = kafka.consumer({ groupId: o.groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: o.topics, fromBeginning: true });
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    // A batch's last offset counts control records: a topic written in transactions ends on a
    // commit marker, which no message reaches, and a batch of markers only is never handed to
    // eachBatch. kafkajs reports both kinds of batch here.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const key = `${payload.topic}:${payload.partition}`;
      const next = BigInt(payload.lastOffset) + 1n;
      if (next > (positions.get(key) ?? 0n)) positions.set(key, next);
      if (reachedEnds(positions, ends)) done();
    });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}:${batch.partition}`;
        const start = BigInt(starts.get(key) ?? '0');
        for (const m of batch.messages) {
          const timestamp = Number(m.timestamp);
          if (BigInt(m.offset) < start || timestamp < o.from || timestamp > o.to) continue;
          records.push({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key,
            value: m.value,
            timestamp,
            headers: recordHeaders(m.headers),
          });
        }
        return Promise.resolve();
      },
    });
    for (const [key, offset] of starts) {
      const at = key.lastIndexOf(':');
      consumer.seek({ topic: key.slice(0, at), partition: Number(key.slice(at + 1)), offset });
    }
    await finished;
  } finally {
    await consumer.disconnect();
  }
  return records;
}
