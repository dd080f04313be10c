import { HEADERS as H } from '@uamd/messaging';
import { decisionLatencyMs, epochHeader, type OutputTiming } from './latency-definitions';

export type LatencyKind = 'match' | 'alarm';

/** One measured decision: a crossing's match latency or an overdue alarm's lateness. */
export interface LatencySample {
  kind: LatencyKind;
  /** The output's id is not needed to measure; its post and route are the series. */
  crossingPoint: string;
  route: string;
  ms: number;
  timing: OutputTiming;
}

/**
 * The latency an output record carries, from its headers, key (the crossing point) and the time
 * it was appended; undefined for outputs that measure nothing (discrepancies, stale feeds,
 * dead letters) or that lack the input's send time (records from before these headers).
 */
export function latencyOfOutput(
  key: string,
  headers: Readonly<Record<string, string | undefined>>,
  appendedAt: number,
): LatencySample | undefined {
  const type = headers[H.eventType];
  const kind: LatencyKind | undefined =
    type === 'CrossingMatched' ? 'match' : type === 'CrossingOverdue' ? 'alarm' : undefined;
  if (!kind) return undefined;
  const timing: OutputTiming = {
    appendedAt,
    inputSentAt: epochHeader(headers[H.inputSentAt]),
    inputScheduledAt: epochHeader(headers[H.inputScheduledAt]),
  };
  const ms = decisionLatencyMs(timing);
  if (ms === undefined) return undefined;
  return { kind, crossingPoint: key, route: headers[H.route] ?? 'unknown', ms, timing };
}

/** The series a sample belongs to: `<kind> <crossing point> <route>`. */
export function seriesKey(s: Pick<LatencySample, 'kind' | 'crossingPoint' | 'route'>): string {
  return `${s.kind} ${s.crossingPoint} ${s.route}`;
}
