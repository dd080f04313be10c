import { type OutputEvent, type OutputEventType } from '@uamd/domain';

/** Beside every epoch-ms time of a `crossings.jsonl` line: the same instant as ISO-8601 UTC. */
export const ISO_SUFFIX = 'Iso';

type DataOf<T extends OutputEventType> = Extract<OutputEvent, { type: T }>['data'];
type NumberFieldOf<T extends OutputEventType> = {
  [K in keyof DataOf<T>]: DataOf<T>[K] extends number | null ? K : never;
}[keyof DataOf<T>];

/** The time fields of each output, epoch ms, all log time (`lastInputAt`, `decidedAt`: delivery times). */
export const TIME_FIELDS: { [T in OutputEventType]: ReadonlyArray<NumberFieldOf<T>> } = {
  CrossingMatched: ['exitCaptureTime', 'entryCaptureTime', 'lastInputAt', 'decidedAt'],
  CrossingOverdue: ['exitCaptureTime', 'windowEnd', 'entrySideWatermark', 'decidedAt'],
  CrossingDiscrepancy: ['exitCaptureTime', 'entryCaptureTime', 'decidedAt'],
  FeedStale: ['staleWatermark', 'otherWatermark', 'decidedAt'],
};

/** `1747038615250` → `2025-05-12T08:30:15.250Z`; null for null or a value no date can hold. */
export function isoTime(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * One output as a `crossings.jsonl` line: its type, then its fields as published, each time
 * field followed by `<field>Iso` (`exitCaptureTime`, `exitCaptureTimeIso`, …). The epoch
 * values stay as they are: the readers of the file use them.
 */
export function crossingsLine(event: OutputEvent): string {
  const times: readonly string[] = TIME_FIELDS[event.type];
  const line: Record<string, unknown> = { type: event.type };
  for (const [field, value] of Object.entries(event.data)) {
    line[field] = value;
    if (times.includes(field)) line[`${field}${ISO_SUFFIX}`] = isoTime(value as number | null);
  }
  return JSON.stringify(line);
}
