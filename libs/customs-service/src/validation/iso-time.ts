/**
 * ISO-8601 with a timezone: a local time would mean different instants on the two sides of the
 * border. Seconds and a fraction are optional; digits past the millisecond are cut, as
 * `Date.parse` does.
 */
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;

/** The offsets in use run from UTC−12:00 to UTC+14:00; nothing further from UTC is a real clock. */
const MAX_OFFSET_MINUTES = 14 * 60;

/** The problem of a text that is not in the format at all (as opposed to a date the calendar lacks). */
export const NOT_ISO_8601 = 'is not ISO-8601 with a timezone';

export type ParsedIsoTime = { ok: true; ms: number } | { ok: false; problem: string };

/**
 * The instant of an ISO-8601 time, only when every field is one the calendar has: `Date.parse`
 * rolls `2024-02-30` over to 1 March and `24:00` to the next day; here they are refused.
 */
export function parseIsoTime(text: string): ParsedIsoTime {
  const m = ISO_8601.exec(text);
  if (m === null) return { ok: false, problem: NOT_ISO_8601 };
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) =>
    Number(m[i] ?? '0'),
  ) as [number, number, number, number, number, number];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const problem =
    calendarProblem(year, month, day) ??
    clockProblem(hour, minute, second) ??
    offsetProblem(m[9], m[10]);
  if (problem !== null) return { ok: false, problem };
  const offsetMinutes = m[8] === undefined ? 0 : offsetOf(m[8], m[9]!, m[10]!);
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return { ok: true, ms: date.getTime() - offsetMinutes * 60_000 };
}

function calendarProblem(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12) return `month ${month}: months are 01 to 12`;
  const days = daysInMonth(year, month);
  if (day < 1 || day > days)
    return `day ${day}: ${year}-${String(month).padStart(2, '0')} has days 01 to ${days}`;
  return null;
}

function clockProblem(hour: number, minute: number, second: number): string | null {
  if (hour > 23) return `hour ${hour}: hours are 00 to 23`;
  if (minute > 59) return `minute ${minute}: minutes are 00 to 59`;
  if (second > 59) return `second ${second}: seconds are 00 to 59 (no leap seconds)`;
  return null;
}

function offsetProblem(hours: string | undefined, minutes: string | undefined): string | null {
  if (hours === undefined || minutes === undefined) return null;
  if (Number(minutes) > 59) return `offset minutes ${minutes}: minutes are 00 to 59`;
  if (Number(hours) * 60 + Number(minutes) > MAX_OFFSET_MINUTES)
    return `offset ${hours}:${minutes}: an offset is at most 14:00 from UTC`;
  return null;
}

function offsetOf(sign: string, hours: string, minutes: string): number {
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
