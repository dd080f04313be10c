import { type OutputEvent, type OutputEventType } from '@uamd/domain';

/** One output as the live page lists it (the `output` event's data). */
export interface LiveOutput {
  type: OutputEventType;
  id: string;
  crossingPoint: string;
  /** `UA-MD` or `MD-UA` for crossings and overdue alarms. */
  route: string | null;
  plate: string | null;
  /** Match latency or alarm lateness; null for outputs that measure none. */
  latencyMs: number | null;
  /** When Kafka acknowledged it (wall clock, epoch ms). */
  at: number;
  /** Event time the output is about: the exit's capture, or the stale side's watermark. */
  eventTime: number | null;
  /** A discrepancy's reason, a stale feed's country and whether it recovered. */
  detail: string | null;
}

/** What the record itself says, before (or without) decoding its value. */
export interface OutputRecordFacts {
  type: OutputEventType;
  id: string;
  crossingPoint: string;
  route: string | null;
  latencyMs: number | null;
  at: number;
}

/** The decoded value's plate, times and detail added to the record's facts. */
export function summarize(facts: OutputRecordFacts, event: OutputEvent | undefined): LiveOutput {
  const base: LiveOutput = { ...facts, plate: null, eventTime: null, detail: null };
  if (!event) return base;
  switch (event.type) {
    case 'CrossingMatched':
      return { ...base, plate: event.data.plate, eventTime: event.data.exitCaptureTime };
    case 'CrossingOverdue':
      return { ...base, plate: event.data.plate, eventTime: event.data.exitCaptureTime };
    case 'CrossingDiscrepancy':
      return {
        ...base,
        eventTime: event.data.exitCaptureTime ?? event.data.entryCaptureTime,
        detail: `${event.data.reason}: ${event.data.detail}`,
      };
    case 'FeedStale':
      return {
        ...base,
        eventTime: event.data.staleWatermark,
        detail: `${event.data.country} ${event.data.recovered ? 'recovered' : 'stale'}`,
      };
    default: {
      const unreachable: never = event;
      throw new Error(`unknown output ${JSON.stringify(unreachable)}`);
    }
  }
}
