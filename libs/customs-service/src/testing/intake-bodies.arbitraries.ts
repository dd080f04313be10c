import fc from 'fast-check';
import { CROSSING_POINTS } from '@uamd/domain';

/**
 * fast-check bodies for the HTTP intake (test data only): each field is mostly a plausible
 * value, sometimes a hostile one (lone surrogates, controls, zero-width and bidi characters,
 * emoji, impossible calendar dates, times from 1 AD to far ahead), sometimes any JSON value.
 */
const DAY = 86_400_000;

/** Any UTF-16 code units, lone surrogates included (fast-check's own units never make those). */
export const anyCodeUnits = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});

const HOSTILE = [
  '\uD800',
  '\uDFFF',
  '\u0000',
  '\u0007',
  '\r',
  '\n',
  '\t',
  '\u200B',
  '\u200D',
  '\uFEFF',
  '\u202E',
  '\u2066',
  '\u00A0',
  '\u2028',
  '🚗',
  'a',
  'а',
  '.',
  '\u0391',
];
const plateish = fc.string({
  unit: fc.constantFrom(...'ABCEHKMOPTX0123456789АВЕІКМНОРСТХ -'),
  minLength: 1,
  maxLength: 12,
});
const withHostile = fc
  .tuple(plateish, fc.constantFrom(...HOSTILE), plateish)
  .map(([a, h, b]) => `${a}${h}${b}`);

/** Any string, weighted towards the kinds of text the intake must tell apart. */
export function text(plausible: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: plausible, weight: 12 },
    { arbitrary: withHostile, weight: 2 },
    { arbitrary: anyCodeUnits, weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
    { arbitrary: fc.jsonValue(), weight: 1 },
  );
}

export const plateText = text(plateish);

/** An ISO-8601 text of an instant in a given offset, as a partner would write it. */
function isoInOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, -1);
  if (offsetMinutes === 0) return `${local}Z`;
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** Fields in and just outside their ranges: 30 February, hour 24, minute 60, offset +15:00. */
const calendarish = fc
  .record({
    year: fc.oneof(fc.constant(2024), fc.integer({ min: 0, max: 2200 })),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
    zone: fc.constantFrom('Z', '+03:00', '-10:30', '+14:00', '+15:00', '+0200'),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.zone}`,
  );

/** A time field around `now`: epoch ms or ISO in any offset, near and far, valid and not. */
export function time(now: number): fc.Arbitrary<unknown> {
  const recent = fc.integer({ min: now - DAY, max: now + 5 * 60_000 });
  const near = fc.integer({ min: now - 2 * DAY, max: now + DAY });
  const offset = fc.integer({ min: -14 * 60, max: 14 * 60 });
  return fc.oneof(
    { arbitrary: recent, weight: 6 },
    { arbitrary: fc.tuple(recent, offset).map(([ms, off]) => isoInOffset(ms, off)), weight: 6 },
    { arbitrary: near, weight: 1 },
    { arbitrary: fc.tuple(near, offset).map(([ms, off]) => isoInOffset(ms, off)), weight: 1 },
    { arbitrary: calendarish, weight: 2 },
    { arbitrary: fc.integer({ min: -62_135_596_800_000, max: now }), weight: 1 },
    { arbitrary: fc.double(), weight: 1 },
    { arbitrary: fc.jsonValue(), weight: 1 },
  );
}

/** A value of one of the given, or any JSON value. */
export function oneOfOr<T>(...values: T[]): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 16 }, fc.jsonValue());
}

const REQUIRED = ['crossingPoint', 'direction', 'plateText', 'ocrConfidence', 'captureTime'];

/**
 * A plate-read body as JSON.parse would hand it over: the required fields present (now and then
 * one dropped), each optional one present about half the time, rarely a field the intake does not know.
 */
export function plateReadBody(now: number): fc.Arbitrary<Record<string, unknown>> {
  const required = fc.record({
    crossingPoint: oneOfOr(...CROSSING_POINTS.map((p) => p.id)),
    direction: oneOfOr('ENTRY', 'EXIT'),
    plateText,
    ocrConfidence: fc.oneof(
      { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 12 },
      fc.double(),
      fc.jsonValue(),
    ),
    captureTime: time(now),
  });
  const optional = fc.record(
    {
      eventId: text(fc.string({ minLength: 1, maxLength: 30 })),
      country: oneOfOr('UA', 'UA', 'UA', 'MD'),
      laneId: oneOfOr('L1', 'L1', 'L2', 'L3'),
      sequence: fc.oneof(
        { arbitrary: fc.nat(), weight: 6 },
        fc.maxSafeInteger(),
        fc.double(),
        fc.jsonValue(),
      ),
      plateNationality: oneOfOr('UA', 'MD', 'RO', 'UA', 'MD', 'ua', ''),
      vehicleCategory: oneOfOr('CAR', 'BUS', 'TRUCK', 'VAN', 'MOTORCYCLE', 'UNKNOWN'),
    },
    { requiredKeys: [] },
  );
  const dropped = fc.oneof(
    { arbitrary: fc.constant(null), weight: 9 },
    fc.constantFrom(...REQUIRED),
  );
  const unknown = fc.oneof(
    { arbitrary: fc.constant(null), weight: 19 },
    fc.tuple(fc.constantFrom('captureTIme', 'plate', 'speed'), fc.jsonValue()),
  );
  return fc.tuple(required, optional, dropped, unknown).map(([req, opt, drop, extra]) => {
    const body: Record<string, unknown> = { ...req, ...opt };
    if (drop !== null) delete body[drop];
    if (extra !== null) body[extra[0]] = extra[1];
    return body;
  });
}

/** A declaration body: a valid MRN mostly, goods lines with free-text descriptions, plates and times. */
export function declarationBody(now: number, mrn: string): fc.Arbitrary<Record<string, unknown>> {
  const goodsLine = fc.record({
    hsCode: oneOfOr('220421', '2204210010', '220421', '2204210010', '8703'),
    description: text(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 })),
    grossMassKg: fc.oneof(
      { arbitrary: fc.double({ min: 1, max: 40_000, noNaN: true }), weight: 8 },
      fc.jsonValue(),
    ),
    value: fc.record({
      amount: fc.oneof(
        { arbitrary: fc.double({ min: 0, max: 1e6, noNaN: true }), weight: 8 },
        fc.jsonValue(),
      ),
      currency: oneOfOr('EUR', 'MDL', 'UAH', 'EUR', 'eur'),
    }),
  });
  const required = fc.record({
    crossingPoint: oneOfOr(...CROSSING_POINTS.map((p) => p.id)),
    kind: oneOfOr('EXPORT', 'IMPORT', 'TRANSIT'),
    mrn: oneOfOr(mrn),
    tractorPlate: plateText,
    goods: fc.oneof(
      { arbitrary: fc.array(goodsLine, { minLength: 1, maxLength: 2 }), weight: 8 },
      fc.jsonValue(),
    ),
    lodgedAt: time(now),
  });
  const optional = fc.record(
    { eventId: text(fc.string({ minLength: 1, maxLength: 30 })), trailerPlate: plateText },
    { requiredKeys: [] },
  );
  return fc.tuple(required, optional).map(([req, opt]) => ({ ...req, ...opt }));
}
