/** Wall-clock metadata carried in record headers (docs/style.md item 19), never in the Avro value nor in decisions. */
export const HEADERS = {
  /** On an input: the sender's wall clock when it sent the record (epoch ms). */
  sentAt: 'uamd.sent-at',
  /** On an output: the reconciler's wall clock when it decided. */
  decidedAt: 'uamd.decided-at',
  /** On an output: the `sentAt` of the input that completed the decision. */
  inputSentAt: 'uamd.input-sent-at',
} as const;
