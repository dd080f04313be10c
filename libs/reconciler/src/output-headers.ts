import { HEADERS, type IncomingRecord } from '@uamd/messaging';

/**
 * Wall-clock metadata of an output: when it was decided and when the input that completed it
 * was sent. Headers, never the Avro value, so a replay's outputs stay byte-identical while any
 * consumer can still measure latency.
 */
export function outputHeaders(cause: IncomingRecord, decidedAt: number): Record<string, string> {
  const headers: Record<string, string> = { [HEADERS.decidedAt]: String(decidedAt) };
  const sentAt = cause.headers[HEADERS.sentAt];
  if (sentAt !== undefined) headers[HEADERS.inputSentAt] = sentAt;
  return headers;
}
