import { type IncomingRecord } from '@uamd/messaging';
import { type ExchangedRecord } from '../exchanged-record';

/**
 * Records read from the live input topics (a time range, `readTopicRange`) as exchanged
 * records: the topic without its deployment prefix, the record timestamp as delivery time, the
 * position `topic:partition@offset`. The partitions are merged by delivery time, each kept in
 * its own offset order, so a timestamp stepping back within a partition stays where the log
 * has it (TC-FEED-5 reports it).
 */
export function exchangedFromTopics(
  records: readonly IncomingRecord[],
  prefix: string,
): ExchangedRecord[] {
  const partitions = new Map<string, IncomingRecord[]>();
  for (const r of records) {
    const key = `${r.topic}:${r.partition}`;
    const list = partitions.get(key);
    if (list) list.push(r);
    else partitions.set(key, [r]);
  }
  const queues = [...partitions.keys()]
    .sort()
    .map((key) => partitions.get(key)!.sort((a, b) => compareOffsets(a.offset, b.offset)));
  const heads = queues.map(() => 0);
  const merged: ExchangedRecord[] = [];
  for (let n = 0; n < records.length; n++) {
    let best = -1;
    for (let q = 0; q < queues.length; q++) {
      const head = queues[q]![heads[q]!];
      if (head && (best < 0 || head.timestamp < queues[best]![heads[best]!]!.timestamp)) best = q;
    }
    merged.push(exchangedOf(queues[best]![heads[best]!++]!, prefix));
  }
  return merged;
}

function exchangedOf(r: IncomingRecord, prefix: string): ExchangedRecord {
  return {
    position: `${r.topic}:${r.partition}@${r.offset}`,
    topic: r.topic.startsWith(prefix) ? r.topic.slice(prefix.length) : r.topic,
    key: r.key === null ? null : r.key.toString(),
    deliveredAt: r.timestamp,
    value: r.value,
  };
}

function compareOffsets(a: string, b: string): number {
  const d = BigInt(a) - BigInt(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
