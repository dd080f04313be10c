import { borderLocalTime, borderUtcOffsetMs } from './local-time';

const HOUR = 3_600_000;

describe('border local time', () => {
  it('is UTC+3 in summer and UTC+2 in winter, switching at 01:00 UTC on the last Sundays of March and October', () => {
    expect(borderUtcOffsetMs(Date.UTC(2024, 8, 3, 12))).toBe(3 * HOUR);
    expect(borderUtcOffsetMs(Date.UTC(2024, 0, 15, 12))).toBe(2 * HOUR);
    expect(borderUtcOffsetMs(Date.UTC(2024, 2, 31, 0, 59))).toBe(2 * HOUR);
    expect(borderUtcOffsetMs(Date.UTC(2024, 2, 31, 1))).toBe(3 * HOUR);
    expect(borderUtcOffsetMs(Date.UTC(2024, 9, 27, 0, 59))).toBe(3 * HOUR);
    expect(borderUtcOffsetMs(Date.UTC(2024, 9, 27, 1))).toBe(2 * HOUR);
  });

  it('gives the local hour and the day of the week from Monday', () => {
    // Tuesday 3 September 2024, 00:30 at the border.
    expect(borderLocalTime(Date.UTC(2024, 8, 2, 21, 30))).toEqual({ hour: 0, weekday: 1 });
    // Sunday 25 August 2024, 23:00.
    expect(borderLocalTime(Date.UTC(2024, 7, 25, 20))).toEqual({ hour: 23, weekday: 6 });
    // Monday 15 January 2024, 14:00 (winter time).
    expect(borderLocalTime(Date.UTC(2024, 0, 15, 12))).toEqual({ hour: 14, weekday: 0 });
  });
});
