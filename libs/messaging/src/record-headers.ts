/** Wall-clock metadata carried in record headers (docs/style.md item 19), never in the Avro value nor in decisions. */
export const HEADERS = {
  /** On an input: the sender's wall clock when it sent the record (epoch ms). */
  sentAt: 'uamd.sent-at',
  /**
   * On a paced input (generated or replayed traffic): the wall-clock time it was due to be sent.
   * Latency starts there, so a sender that falls behind shows as latency (no coordinated omission).
   */
  scheduledAt: 'uamd.scheduled-at',
  /** On an output: the reconciler's wall clock when it decided. */
  decidedAt: 'uamd.decided-at',
  /** On an output: the `sentAt` of the input that completed the decision. */
  inputSentAt: 'uamd.input-sent-at',
  /** On an output: the `scheduledAt` of the input that completed the decision, when it had one. */
  inputScheduledAt: 'uamd.input-scheduled-at',
  /** On an output: its record type (`CrossingMatched`, …), so metrics need not decode it. */
  eventType: 'uamd.event-type',
  /** On a crossing output: the direction of travel, exit country first (`UA-MD`, `MD-UA`). */
  route: 'uamd.route',
} as const;
