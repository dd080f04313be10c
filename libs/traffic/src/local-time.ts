const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The last Sunday of a month at 01:00 UTC: when EU summer time starts (March) and ends (October). */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/**
 * Offset of Ukrainian and Moldovan civil time from UTC at an instant: both keep Eastern
 * European Time (UTC+2) with EU summer time (UTC+3) from the last Sunday of March to the last
 * Sunday of October, switching at 01:00 UTC.
 */
export function borderUtcOffsetMs(t: number): number {
  const year = new Date(t).getUTCFullYear();
  const summer = t >= lastSundayAt1Utc(year, 2) && t < lastSundayAt1Utc(year, 9);
  return (summer ? 3 : 2) * HOUR;
}

/** Local hour (0–23) and day of the week (0 Monday … 6 Sunday) at the border. */
export function borderLocalTime(t: number): { hour: number; weekday: number } {
  const local = t + borderUtcOffsetMs(t);
  const day = Math.floor(local / DAY);
  // 1 January 1970 was a Thursday (weekday 3 counted from Monday).
  return { hour: Math.floor((local - day * DAY) / HOUR), weekday: (((day + 3) % 7) + 7) % 7 };
}

/** The next whole UTC hour after t: local hours start there too (the offsets are whole hours). */
export function nextHour(t: number): number {
  return (Math.floor(t / HOUR) + 1) * HOUR;
}
