import { topicOffsets } from '@uamd/messaging';
import { type Kafka } from 'kafkajs';

/** Messages written to the topics so far (high minus low watermark, all partitions). */
export async function messageCount(kafka: Kafka, topics: string[]): Promise<number> {
  const offsets = await topicOffsets(kafka, topics);
  let n = 0;
  for (const partitions of offsets.values())
    for (const p of partitions) n += Number(p.high) - Number(p.low);
  return n;
}
