import { type AvroCodec } from '@uamd/codec';
import { type InputEvent, type TimedInput } from '@uamd/domain';
import { deadLetterRecord, type IncomingRecord, type TopicNames } from '@uamd/messaging';
import { type OutboxEntry } from '@uamd/state-store';
import { topicMisfit } from './topic-fit';

export interface DecodedRun {
  inputs: Array<TimedInput<IncomingRecord>>;
  deadLetters: OutboxEntry[];
}

export function deadLetterEntry(
  deadLetterTopic: string,
  record: IncomingRecord,
  reason: string,
  detail: string,
): OutboxEntry {
  return {
    id: `dlq:${record.topic}:${record.partition}:${record.offset}`,
    ...deadLetterRecord(deadLetterTopic, record, reason, detail),
  };
}

/**
 * Decodes aligned records; what does not decode, or does not fit the topic it came from,
 * becomes a dead letter with its origin and reason.
 */
export function decodeAligned(
  codec: AvroCodec,
  topics: TopicNames,
  aligned: ReadonlyArray<{ item: IncomingRecord; at: number }>,
): DecodedRun {
  const run: DecodedRun = { inputs: [], deadLetters: [] };
  const deadLetter = (record: IncomingRecord, reason: string, detail: string): void => {
    run.deadLetters.push(deadLetterEntry(topics.deadLetter, record, reason, detail));
  };
  for (const { item: record, at } of aligned) {
    let event: InputEvent;
    try {
      event = codec.decodeInput(record.value).event;
    } catch (error) {
      const e = error as Error & { reason?: string };
      deadLetter(record, e.reason ?? 'UNDECODABLE', e.message);
      continue;
    }
    const misfit = topicMisfit(topics, record, event);
    if (misfit === undefined) run.inputs.push({ event, loggedAt: at, origin: record });
    else deadLetter(record, 'WRONG_TOPIC', misfit);
  }
  return run;
}

/** Next offset per topic after a run of records of one partition. */
export function nextOffsets(records: Iterable<{ item: IncomingRecord }>): Array<[string, string]> {
  const last = new Map<string, string>();
  for (const { item } of records) last.set(item.topic, item.offset);
  // One BigInt per topic, not per record.
  return [...last].map(([topic, offset]) => [topic, String(BigInt(offset) + 1n)]);
}
