import { type OutputEvent } from '@uamd/domain';
import { routeOf } from '@uamd/latency';
import { HEADERS, type IncomingRecord } from '@uamd/messaging';

/**
 * Wall-clock and routing metadata of an output: when it was decided, when the input that
 * completed it was sent (and was due, for paced traffic), its type and direction of travel.
 * Headers, never the Avro value, so a replay's outputs stay byte-identical while any consumer
 * can still measure latency (libs/latency/src/latency-definitions.ts). Every output has them,
 * the live rule's too; only an output decided from an input (`cause`) has the input's times.
 */
export function outputHeaders(
  output: OutputEvent,
  decidedAt: number,
  cause?: IncomingRecord,
): Record<string, string> {
  const headers: Record<string, string> = {
    [HEADERS.decidedAt]: String(decidedAt),
    [HEADERS.eventType]: output.type,
  };
  const sentAt = cause?.headers[HEADERS.sentAt];
  if (sentAt !== undefined) headers[HEADERS.inputSentAt] = sentAt;
  const scheduledAt = cause?.headers[HEADERS.scheduledAt];
  if (scheduledAt !== undefined) headers[HEADERS.inputScheduledAt] = scheduledAt;
  if (output.type === 'CrossingMatched' || output.type === 'CrossingOverdue')
    headers[HEADERS.route] = routeOf(output.data.exitCountry);
  return headers;
}
