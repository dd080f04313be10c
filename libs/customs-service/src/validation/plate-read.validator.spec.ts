import { validatePlateReadInput, type PlateReadContext } from './plate-read.validator';

const NOW = Date.UTC(2024, 8, 2, 12);
const DAY = 86_400_000;
const PLATE_CHARACTERS = 'A-Z, 0-9, АВЕІКМНОРСТХ, space, hyphen';

function context(): PlateReadContext {
  const counters = new Map<string, number>();
  let ids = 0;
  return {
    country: 'UA',
    nowMs: NOW,
    maxFutureSkewMs: 300_000,
    maxPastMs: DAY,
    ids: {
      nextSequence: (cameraId) => {
        const next = counters.get(cameraId) ?? 0;
        counters.set(cameraId, next + 1);
        return next;
      },
      newEventId: () => `id-${ids++}`,
    },
  };
}

const valid = {
  crossingPoint: 'mohyliv-podilskyi-otaci',
  direction: 'EXIT',
  plateText: 'ВН 1234 АА',
  ocrConfidence: 0.93,
  captureTime: '2024-09-02T11:59:00Z',
};

describe('validatePlateReadInput', () => {
  it('given the minimal valid body, fills the defaults: lane L1, its camera, a counter sequence, a fresh id', () => {
    const ctx = context();
    const first = validatePlateReadInput(valid, ctx);
    const second = validatePlateReadInput(valid, ctx);
    expect(first).toEqual({
      ok: true,
      event: {
        type: 'PlateRead',
        data: {
          eventId: 'id-0',
          country: 'UA',
          crossingPoint: 'mohyliv-podilskyi-otaci',
          laneId: 'L1',
          cameraId: 'UA-1-EXIT-L1',
          sequence: 0,
          direction: 'EXIT',
          plateText: 'ВН 1234 АА',
          plateNationality: null,
          ocrConfidence: 0.93,
          captureTime: NOW - 60_000,
          vehicleCategory: 'UNKNOWN',
        },
      },
    });
    expect(second.ok && second.event.data).toMatchObject({ eventId: 'id-1', sequence: 1 });
  });

  it('given a sequence of -0 (JSON may say so), then it is 0, as an Avro long brings it back', () => {
    const result = validatePlateReadInput({ ...valid, sequence: -0 }, context());
    const data = result.ok ? result.event.data : undefined;
    const sequence = data && 'sequence' in data ? data.sequence : undefined;
    expect(Object.is(sequence, 0)).toBe(true);
  });

  it.each([
    [
      'all optional fields',
      {
        ...valid,
        eventId: 'cam-42',
        country: 'UA',
        laneId: 'L2',
        cameraId: 'UA-1-EXIT-L2',
        sequence: 7,
        plateNationality: 'UA',
        vehicleCategory: 'TRUCK',
      },
    ],
    ['epoch ms capture time', { ...valid, captureTime: NOW }],
    ['ISO time with offset', { ...valid, captureTime: '2024-09-02T14:59:00+03:00' }],
    ['a capture just inside the skew', { ...valid, captureTime: NOW + 300_000 }],
    ['confidence bounds', { ...valid, ocrConfidence: 0 }],
    ['a 35-character plate', { ...valid, plateText: 'X'.repeat(35) }],
  ])('accepts %s', (_name, body) => {
    expect(validatePlateReadInput(body, context())).toMatchObject({ ok: true });
  });

  it.each([
    ['a non-object body', [1, 2], 'body', /JSON object/],
    ['no body', undefined, 'body', /no body/],
    [
      'an unknown crossing point',
      { ...valid, crossingPoint: 'kyiv-boryspil' },
      'crossingPoint',
      /not a known crossing point/,
    ],
    ['a sideways direction', { ...valid, direction: 'SIDEWAYS' }, 'direction', /ENTRY, EXIT/],
    ['another country', { ...valid, country: 'MD' }, 'country', /must be UA/],
    ['an empty plate', { ...valid, plateText: '  ' }, 'plateText', /empty/],
    ['a 36-character plate', { ...valid, plateText: 'X'.repeat(36) }, 'plateText', /at most 35/],
    ['a numeric plate', { ...valid, plateText: 1234 }, 'plateText', /string/],
    ['confidence above 1', { ...valid, ocrConfidence: 1.2 }, 'ocrConfidence', /≤ 1/],
    ['confidence as text', { ...valid, ocrConfidence: '0.9' }, 'ocrConfidence', /number/],
    [
      'a capture a day ahead',
      { ...valid, captureTime: NOW + 86_400_000 },
      'captureTime',
      /in the future/,
    ],
    [
      'a local time without zone',
      { ...valid, captureTime: '2024-09-02T11:59:00' },
      'captureTime',
      /timezone/,
    ],
    ['a fractional epoch', { ...valid, captureTime: 1.5 }, 'captureTime', /epoch milliseconds/],
    ['no capture time', { ...valid, captureTime: undefined }, 'captureTime', /required/],
    ['an unknown category', { ...valid, vehicleCategory: 'TRACTOR' }, 'vehicleCategory', /one of/],
    ['a lane the post does not have', { ...valid, laneId: 'L9' }, 'laneId', /L1, L2/],
    [
      'a camera of another lane',
      { ...valid, cameraId: 'UA-1-EXIT-L2' },
      'cameraId',
      /must be UA-1-EXIT-L1/,
    ],
    ['a negative sequence', { ...valid, sequence: -1 }, 'sequence', /≥ 0/],
    ['a fractional sequence', { ...valid, sequence: 1.5 }, 'sequence', /integer/],
    [
      'a lowercase nationality',
      { ...valid, plateNationality: 'ua' },
      'plateNationality',
      /nationality sign/,
    ],
    ['a misspelt field', { ...valid, captureTIme: NOW }, 'captureTIme', /not a known field/],
  ])('refuses %s, naming the field', (_name, body, field, message) => {
    const result = validatePlateReadInput(body, context());
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContainEqual({ field, message: expect.stringMatching(message) as unknown });
  });

  it('reports every problem of a body at once and uses up no sequence', () => {
    const ctx = context();
    const result = validatePlateReadInput(
      { crossingPoint: 'nowhere', direction: 'UP', ocrConfidence: 2 },
      ctx,
    );
    const fields = result.ok ? [] : result.problems.map((p) => p.field);
    expect(fields.sort()).toEqual([
      'captureTime',
      'crossingPoint',
      'direction',
      'ocrConfidence',
      'plateText',
    ]);
    expect(ctx.ids.nextSequence('UA-1-EXIT-L1')).toBe(0);
  });

  it.each([
    [
      'a lone surrogate',
      'AA\uD800BC',
      'must be printable text: U+D800 (a lone surrogate, not well-formed UTF-16) at index 2',
    ],
    ['NUL', 'AA\u00001234BC', 'must be printable text: U+0000 (a control character) at index 2'],
    ['BEL', '\u0007AA1234BC', 'must be printable text: U+0007 (a control character) at index 0'],
    ['CR LF', 'AA1234BC\r\n', 'must be printable text: U+000D (a control character) at index 8'],
    [
      'a zero-width space',
      'AA\u200B1234BC',
      'must be printable text: U+200B (a zero-width character) at index 2',
    ],
    [
      'a bidi override',
      '\u202EAA1234BC',
      'must be printable text: U+202E (a bidirectional control) at index 0',
    ],
    [
      'an emoji',
      'AA🚗1234',
      `must hold only plate characters (${PLATE_CHARACTERS}): U+1F697 '🚗' is not one`,
    ],
    [
      'lower case',
      'aa1234bc',
      `must hold only plate characters (${PLATE_CHARACTERS}): U+0061 'a' is not one`,
    ],
    [
      'a Greek Alpha for A',
      '\u0391A1234BC',
      `must hold only plate characters (${PLATE_CHARACTERS}): U+0391 'Α' is not one`,
    ],
    [
      'a dot',
      'AA.1234.BC',
      `must hold only plate characters (${PLATE_CHARACTERS}): U+002E '.' is not one`,
    ],
    [
      'a no-break space',
      'AA\u00A01234',
      `must hold only plate characters (${PLATE_CHARACTERS}): U+00A0 is not one`,
    ],
    ['only separators', '- -', 'must have a letter or digit, not only separators'],
  ])('refuses a plate text with %s, saying which character', (_name, plateText, message) => {
    const result = validatePlateReadInput({ ...valid, plateText }, context());
    expect(result).toEqual({ ok: false, problems: [{ field: 'plateText', message }] });
  });

  it.each([
    [
      '30 February',
      '2024-02-30T06:15:00Z',
      /^must be a time the calendar has, got "2024-02-30T06:15:00Z" \(day 30: 2024-02 has days 01 to 29\)$/,
    ],
    ['1970', '1970-01-01T00:00:00Z', /^must not be before 2000-01-01T00:00:00.000Z/],
    ['1900', '1900-06-01T00:00:00Z', /^must not be before 2000-01-01T00:00:00.000Z/],
    ['the year 1', '0001-01-01T00:00:00Z', /^must not be before 2000-01-01T00:00:00.000Z/],
    [
      'a millisecond past the allowed age',
      NOW - DAY - 1,
      /^is 86400001 ms in the past, more than the allowed age of 86400000 ms$/,
    ],
  ])('refuses a capture time of %s', (_name, captureTime, message) => {
    const result = validatePlateReadInput({ ...valid, captureTime }, context());
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'captureTime', message: expect.stringMatching(message) as unknown }],
    });
  });

  it('accepts a capture exactly as old as allowed', () => {
    expect(validatePlateReadInput({ ...valid, captureTime: NOW - DAY }, context())).toMatchObject({
      ok: true,
      event: { data: { captureTime: NOW - DAY } },
    });
  });

  it.each([
    ['eventId', 'cam\u0000-1'],
    ['cameraId', 'UA-1-EXIT-L1\u200B'],
    ['crossingPoint', 'mohyliv-podilskyi-otaci\n'],
  ])('refuses a %s that is not printable text, before judging its value', (field, value) => {
    const result = validatePlateReadInput({ ...valid, [field]: value }, context());
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual([
      { field, message: expect.stringMatching(/^must be printable text: U\+/) as unknown },
    ]);
  });
});
