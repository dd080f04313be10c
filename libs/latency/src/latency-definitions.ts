import { type Country } from '@uamd/domain';

/**
 * The one place the project's latencies are defined (README "Monitoring match latency").
 * Every one is a difference of two wall-clock times carried in record headers or record
 * timestamps, never in the Avro values, so a replay's decisions stay a pure function of the log
 * while any consumer of the output topics can measure them.
 *
 * - match latency: the completing input (usually the second side's read) sent to Kafka →
 *   the `CrossingMatched` appended. For paced, generated traffic it starts at the input's
 *   scheduled send time, so a publisher that falls behind shows as latency (no coordinated
 *   omission).
 * - alarm lateness: the input that moved the other side's watermark past the transit window
 *   sent → the `CrossingOverdue` appended.
 * - end-to-end latency: the camera capture of the completing read → the output appended:
 *   the exchange delay of that read plus its match latency.
 * - exchange delay: a read's capture → its delivery to Kafka, per administration and post (in
 *   the world's time: the record timestamp is the delivery time; live, the two clocks agree).
 */

/** Wall-clock facts about one output record, as its headers and record timestamp carry them. */
export interface OutputTiming {
  /** When the output was appended (its record timestamp, stamped by the reconciler's producer). */
  appendedAt: number;
  /** When the completing input was sent (`uamd.input-sent-at`). */
  inputSentAt?: number;
  /** When the completing input was due to be sent, for paced traffic (`uamd.input-scheduled-at`). */
  inputScheduledAt?: number;
}

/** Where latency starts: the scheduled send when there is one (open loop), else the actual one. */
export function latencyStart(t: OutputTiming): number | undefined {
  return t.inputScheduledAt ?? t.inputSentAt;
}

/** Match latency of a `CrossingMatched`, or alarm lateness of a `CrossingOverdue` (same clocks). */
export function decisionLatencyMs(t: OutputTiming): number | undefined {
  const start = latencyStart(t);
  return start === undefined ? undefined : Math.max(0, t.appendedAt - start);
}

/**
 * End to end: the completing read's exchange delay (delivery − capture, world time) plus the
 * match latency (wall clock); live, where the world's clock is the wall clock, that is capture →
 * appended.
 */
export function endToEndMs(
  t: OutputTiming,
  completingCaptureTime: number,
  completingDeliveredAt: number,
): number | undefined {
  const match = decisionLatencyMs(t);
  return match === undefined
    ? undefined
    : exchangeDelayMs(completingCaptureTime, completingDeliveredAt) + match;
}

export function exchangeDelayMs(captureTime: number, deliveredAt: number): number {
  return Math.max(0, deliveredAt - captureTime);
}

/** Direction of travel, exit country first: every percentile is kept per post and route. */
export const ROUTES = ['UA-MD', 'MD-UA'] as const;
export type Route = (typeof ROUTES)[number];

export function routeOf(exitCountry: Country): Route {
  return exitCountry === 'UA' ? 'UA-MD' : 'MD-UA';
}

/** Parses a header value written as epoch milliseconds; anything else counts as absent. */
export function epochHeader(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}
