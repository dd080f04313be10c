import { checkTime, EARLIEST_TIME_MS, type TimeWindow } from './time-field';

const NOW = Date.UTC(2024, 8, 2, 12);
const DAY = 86_400_000;
const window: TimeWindow = { nowMs: NOW, maxFutureSkewMs: 300_000, maxPastMs: DAY };

describe('checkTime: a time field against the calendar, the 2000 floor and the window', () => {
  it.each([
    ['now', NOW],
    ['exactly the allowed age', NOW - DAY],
    ['exactly the allowed skew ahead', NOW + 300_000],
    ['an ISO time of a minute ago', '2024-09-02T11:59:00Z'],
  ])('accepts %s', (_name, value) => {
    expect(checkTime(value, window)).toMatchObject({ ok: true });
  });

  it.each([
    [
      'a millisecond older than allowed',
      NOW - DAY - 1,
      `is ${DAY + 1} ms in the past, more than the allowed age of ${DAY} ms`,
    ],
    [
      'a millisecond further ahead than the skew',
      NOW + 300_001,
      'is 300001 ms in the future, more than the allowed clock skew of 300000 ms',
    ],
    ['epoch 0 (1970)', 0, 'must not be before 2000-01-01T00:00:00.000Z, got 0'],
    [
      '1970 as ISO',
      '1970-01-01T00:00:00Z',
      'must not be before 2000-01-01T00:00:00.000Z, got "1970-01-01T00:00:00Z"',
    ],
    [
      '1900',
      '1900-01-01T00:00:00Z',
      'must not be before 2000-01-01T00:00:00.000Z, got "1900-01-01T00:00:00Z"',
    ],
    [
      'the year 1',
      '0001-01-01T00:00:00Z',
      'must not be before 2000-01-01T00:00:00.000Z, got "0001-01-01T00:00:00Z"',
    ],
    [
      '30 February',
      '2024-02-30T06:15:00Z',
      'must be a time the calendar has, got "2024-02-30T06:15:00Z" (day 30: 2024-02 has days 01 to 29)',
    ],
    ['a negative epoch', -1, 'must be epoch milliseconds (a non-negative integer), got -1'],
    [
      'text',
      'yesterday',
      'must be an ISO-8601 time with a timezone (e.g. 2024-09-02T06:15:00Z) or epoch milliseconds, got "yesterday"',
    ],
  ])('refuses %s, saying why', (_name, value, problem) => {
    expect(checkTime(value, window)).toEqual({ ok: false, problem });
  });

  it('given no past bound (an offline check of an old file), then only the 2000 floor holds', () => {
    const offline = { nowMs: Number.MAX_SAFE_INTEGER, maxFutureSkewMs: 0 };
    expect(checkTime(EARLIEST_TIME_MS, offline)).toEqual({ ok: true, ms: EARLIEST_TIME_MS });
    expect(checkTime(EARLIEST_TIME_MS - 1, offline)).toMatchObject({ ok: false });
  });
});
