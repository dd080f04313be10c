import fc from 'fast-check';
import { NOT_ISO_8601, parseIsoTime } from './iso-time';

describe('parseIsoTime: ISO-8601 with a timezone, only as the calendar has it', () => {
  it.each([
    ['UTC with seconds', '2024-09-02T06:15:00Z'],
    ['without seconds', '2024-09-02T06:15Z'],
    ['milliseconds', '2024-09-02T06:15:00.250Z'],
    ['a fraction past the millisecond, cut', '2024-09-02T06:15:00.999999999Z'],
    ['an offset', '2024-09-02T09:15:00+03:00'],
    ['an offset without colon', '2024-09-02T09:15:00+0300'],
    ['a negative offset', '2024-09-01T20:15:00-10:00'],
    ['29 February of a leap year', '2024-02-29T00:00:00Z'],
    ['29 February of 2000 (divisible by 400)', '2000-02-29T00:00:00Z'],
    ['the last second of a year', '2024-12-31T23:59:59Z'],
    ['the furthest offset in use', '2024-09-02T20:15:00+14:00'],
  ])('given %s, then it is the instant Date.parse gives', (_name, text) => {
    expect(parseIsoTime(text)).toEqual({ ok: true, ms: Date.parse(text) });
  });

  it.each([
    ['30 February', '2024-02-30T06:15:00Z', 'day 30: 2024-02 has days 01 to 29'],
    ['29 February of a common year', '2023-02-29T06:15:00Z', 'day 29: 2023-02 has days 01 to 28'],
    [
      '29 February of 2100 (a century)',
      '2100-02-29T06:15:00Z',
      'day 29: 2100-02 has days 01 to 28',
    ],
    ['31 April', '2024-04-31T06:15:00Z', 'day 31: 2024-04 has days 01 to 30'],
    ['day 00', '2024-09-00T06:15:00Z', 'day 0: 2024-09 has days 01 to 30'],
    ['month 13', '2024-13-01T06:15:00Z', 'month 13: months are 01 to 12'],
    ['month 00', '2024-00-01T06:15:00Z', 'month 0: months are 01 to 12'],
    ['hour 24', '2024-09-02T24:00:00Z', 'hour 24: hours are 00 to 23'],
    ['minute 60', '2024-09-02T06:60:00Z', 'minute 60: minutes are 00 to 59'],
    ['a leap second', '2024-06-30T23:59:60Z', 'second 60: seconds are 00 to 59 (no leap seconds)'],
    [
      'offset +25:00',
      '2024-09-02T06:15:00+25:00',
      'offset 25:00: an offset is at most 14:00 from UTC',
    ],
    [
      'offset +14:30',
      '2024-09-02T06:15:00+14:30',
      'offset 14:30: an offset is at most 14:00 from UTC',
    ],
    ['offset minutes 60', '2024-09-02T06:15:00+02:60', 'offset minutes 60: minutes are 00 to 59'],
  ])('given %s, then it is refused with which field is off', (_name, text, problem) => {
    expect(parseIsoTime(text)).toEqual({ ok: false, problem });
  });

  it.each([
    ['a local time', '2024-09-02T06:15:00'],
    ['a date only', '2024-09-02'],
    ['a space for T', '2024-09-02 06:15:00Z'],
    ['lower-case z', '2024-09-02T06:15:00z'],
    ['a five-digit year', '+02024-09-02T06:15:00Z'],
    ['trailing text', '2024-09-02T06:15:00Z\n'],
  ])('given %s, then it is not in the format', (_name, text) => {
    expect(parseIsoTime(text)).toEqual({ ok: false, problem: NOT_ISO_8601 });
  });

  it('given any instant from 2000 to 2100 written by toISOString, then it parses back to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(parseIsoTime(new Date(ms).toISOString())).toEqual({ ok: true, ms });
      }),
      { numRuns: 500 },
    );
  });

  it('given the years 0001 to 0099, then they are not read as 1901 to 1999', () => {
    expect(parseIsoTime('0001-01-01T00:00:00Z')).toEqual({ ok: true, ms: -62_135_596_800_000 });
  });
});
