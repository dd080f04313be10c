import { type Verdict } from '../condition';

/** An epoch-ms instant as ISO 8601 UTC; a value no Date can hold is shown as the number. */
export function isoUtc(epochMs: number): string {
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? String(epochMs) : date.toISOString();
}

/** The delivery-time range of a report, or a phrase saying there was none. */
export function deliveryRange(first: number | null, last: number | null): string {
  if (first === null || last === null) return 'no records delivered';
  return `${isoUtc(first)} to ${isoUtc(last)}`;
}

/** The short verdict word both renderers use. */
export function verdictLabel(verdict: Verdict): string {
  switch (verdict) {
    case 'pass':
      return 'PASS';
    case 'fail':
      return 'FAIL';
    case 'not-applicable':
      return 'n/a';
    default: {
      const unreachable: never = verdict;
      return String(unreachable);
    }
  }
}

/**
 * A measured value for a chart label: whole above 100, otherwise up to two decimals, so
 * `1234.5678 ms` reads `1235` and `0.4567 s` reads `0.46`.
 */
export function chartValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return String(Number(value.toFixed(digits)));
}

/** `1 violation`, `7 violations`. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
