import { NOT_ISO_8601, parseIsoTime } from './iso-time';

/** What a time field is checked against: the service's clock and how far off it a time may be. */
export interface TimeWindow {
  nowMs: number;
  /** How far in the future a time may be (the clock-skew allowance, `MAX_FUTURE_SKEW_MS`). */
  maxFutureSkewMs: number;
  /**
   * How far in the past a time may be (`MAX_PAST_MS`). Unset: only the 2000 floor, for checks of
   * old files where "now" means nothing (the CSV import checks rows with now at the end of time).
   */
  maxPastMs?: number;
}

/**
 * 2000-01-01T00:00:00Z, the floor of TC-FIELD-5 (libs/conformance/src/checks/fields/times.check.ts):
 * earlier than any traffic of this exchange, so a time before it is a zero, a unit slip or a
 * default, whether or not the context bounds the past.
 */
export const EARLIEST_TIME_MS = Date.UTC(2000, 0, 1);
const EARLIEST_ISO = new Date(EARLIEST_TIME_MS).toISOString();

export type CheckedTime = { ok: true; ms: number } | { ok: false; problem: string };

/** ISO-8601 with a timezone, or epoch ms; a time the calendar has, not before 2000, within the window. */
export function checkTime(value: unknown, window: TimeWindow): CheckedTime {
  const parsed = instantOf(value);
  if (!parsed.ok) return parsed;
  const { ms } = parsed;
  if (ms < EARLIEST_TIME_MS)
    return fail(`must not be before ${EARLIEST_ISO}, got ${JSON.stringify(value)}`);
  const ahead = ms - window.nowMs;
  if (ahead > window.maxFutureSkewMs)
    return fail(
      `is ${ahead} ms in the future, more than the allowed clock skew of ${window.maxFutureSkewMs} ms`,
    );
  const { maxPastMs } = window;
  if (maxPastMs !== undefined && -ahead > maxPastMs)
    return fail(`is ${-ahead} ms in the past, more than the allowed age of ${maxPastMs} ms`);
  return parsed;
}

function instantOf(value: unknown): CheckedTime {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0
      ? { ok: true, ms: value }
      : fail(`must be epoch milliseconds (a non-negative integer), got ${value}`);
  }
  const iso = typeof value === 'string' ? parseIsoTime(value) : undefined;
  if (iso?.ok) return iso;
  if (iso && iso.problem !== NOT_ISO_8601)
    return fail(`must be a time the calendar has, got ${JSON.stringify(value)} (${iso.problem})`);
  return fail(
    `must be an ISO-8601 time with a timezone (e.g. 2024-09-02T06:15:00Z) or epoch milliseconds, got ${JSON.stringify(value)}`,
  );
}

function fail(problem: string): CheckedTime {
  return { ok: false, problem };
}
