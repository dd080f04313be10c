import { type AvroCodec } from '@uamd/codec';
import { type TimedInput } from '@uamd/domain';
import { deadLetterRecord, type IncomingRecord } from '@uamd/messaging';
import { type OutboxEntry } from '@uamd/state-store';

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

/** Decodes aligned records; what does not decode becomes a dead letter with its origin and reason. */
export function decodeAligned(
  codec: AvroCodec,
  deadLetterTopic: string,
  aligned: ReadonlyArray<{ item: IncomingRecord; at: number }>,
): DecodedRun {
  const run: DecodedRun = { inputs: [], deadLetters: [] };
  for (const { item: record, at } of aligned) {
    try {
      run.inputs.push({
        event: codec.decodeInput(record.value).event,
        loggedAt: at,
        origin: record,
      });
    } catch (error) {
      const e = error as Error & { reason?: string };
      run.deadLetters.push(
        deadLetterEntry(deadLetterTopic, record, e.reason ?? 'UNDECODABLE', e.message),
      );
    }
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
