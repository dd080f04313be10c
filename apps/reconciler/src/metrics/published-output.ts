import { isOutputEventType } from '@uamd/codec';
import { type OutputEventType } from '@uamd/domain';
import { type LatencySample, latencyOfOutput } from '@uamd/latency';
import { DLQ_HEADERS, HEADERS } from '@uamd/messaging';
import { type OutboxEntry } from '@uamd/state-store';

/** What one published record says, read from its headers once for every listener. */
export interface PublishedOutput {
  entry: OutboxEntry;
  /** Wall clock of Kafka's acknowledgement. */
  at: number;
  /** A dead-lettered input: why. */
  deadLetterReason?: string;
  /** A decision: its type, and the latency it measures, if any. */
  type?: OutputEventType;
  sample?: LatencySample;
}

/** Hears each published record, already read (metrics, the live page). */
export interface PublishedListener {
  output(published: PublishedOutput): void;
}

export function readPublished(entry: OutboxEntry, at: number): PublishedOutput {
  const headers = entry.headers ?? {};
  const deadLetterReason = headers[DLQ_HEADERS.reason];
  if (deadLetterReason !== undefined) return { entry, at, deadLetterReason };
  const type = headers[HEADERS.eventType];
  if (type === undefined || !isOutputEventType(type)) return { entry, at };
  return { entry, at, type, sample: latencyOfOutput(entry.key, headers, at) };
}
