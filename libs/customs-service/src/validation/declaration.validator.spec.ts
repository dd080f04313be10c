import { makeMrn } from '@uamd/domain';
import { validateDeclarationInput, type DeclarationContext } from './declaration.validator';

const NOW = Date.UTC(2024, 8, 2, 12);
const MRN = makeMrn('24', 'UA', '100000A1B2C3', 'J');
const WRONG_CHECK = MRN.slice(0, 17) + String((Number(MRN[17]) + 1) % 10);
const ctx: DeclarationContext = {
  country: 'MD',
  nowMs: NOW,
  maxFutureSkewMs: 300_000,
  maxPastMs: 86_400_000,
  newEventId: () => 'fresh-id',
};

const line = {
  hsCode: '220421',
  description: 'Wine of fresh grapes, in bottles',
  grossMassKg: 18_000,
  value: { amount: 45_000, currency: 'EUR' },
};
const valid = {
  crossingPoint: 'maiaki-udobne-palanca',
  kind: 'IMPORT',
  mrn: MRN,
  tractorPlate: 'AB 1234 KC',
  goods: [line],
  lodgedAt: '2024-09-02T11:00:00Z',
};

describe('validateDeclarationInput', () => {
  it('given a valid body, builds the declaration for the service country with defaults', () => {
    expect(validateDeclarationInput(valid, ctx)).toEqual({
      ok: true,
      event: {
        type: 'CustomsDeclaration',
        data: {
          eventId: 'fresh-id',
          country: 'MD',
          crossingPoint: 'maiaki-udobne-palanca',
          kind: 'IMPORT',
          mrn: MRN,
          tractorPlate: 'AB 1234 KC',
          trailerPlate: null,
          goods: [line],
          lodgedAt: NOW - 3_600_000,
          releasedAt: null,
        },
      },
    });
  });

  it.each([
    [
      'a trailer, release and own id',
      { ...valid, eventId: 'd-1', trailerPlate: 'AB 5678 XT', releasedAt: NOW - 60_000 },
    ],
    [
      'a national 10-digit HS code and zero value',
      {
        ...valid,
        goods: [{ ...line, hsCode: '2204210010', value: { amount: 0, currency: 'MDL' } }],
      },
    ],
    [
      'a release at the lodging instant',
      { ...valid, lodgedAt: NOW - 1000, releasedAt: NOW - 1000 },
    ],
  ])('accepts %s', (_name, body) => {
    expect(validateDeclarationInput(body, ctx)).toMatchObject({ ok: true });
  });

  it.each([
    [
      'an MRN with a wrong check character',
      { ...valid, mrn: WRONG_CHECK },
      'mrn',
      /check character/,
    ],
    ['an MRN of the wrong format', { ...valid, mrn: '24UA1' }, 'mrn', /format/],
    ['an unknown kind', { ...valid, kind: 'SMUGGLING' }, 'kind', /EXPORT, IMPORT, TRANSIT/],
    [
      'an unknown crossing point',
      { ...valid, crossingPoint: 'porubne-siret' },
      'crossingPoint',
      /not a known crossing point/,
    ],
    ['no tractor plate', { ...valid, tractorPlate: undefined }, 'tractorPlate', /required/],
    ['no goods', { ...valid, goods: [] }, 'goods', /at least one/],
    ['goods as an object', { ...valid, goods: line }, 'goods', /array/],
    [
      'a 4-digit HS code',
      { ...valid, goods: [{ ...line, hsCode: '2204' }] },
      'goods[0].hsCode',
      /6 to 10 digits/,
    ],
    [
      'zero gross mass',
      { ...valid, goods: [{ ...line, grossMassKg: 0 }] },
      'goods[0].grossMassKg',
      /> 0/,
    ],
    [
      'a negative value',
      { ...valid, goods: [line, { ...line, value: { amount: -1, currency: 'EUR' } }] },
      'goods[1].value.amount',
      /≥ 0/,
    ],
    [
      'a lowercase currency',
      { ...valid, goods: [{ ...line, value: { amount: 1, currency: 'eur' } }] },
      'goods[0].value.currency',
      /ISO 4217/,
    ],
    [
      'a goods line without value',
      { ...valid, goods: [{ ...line, value: undefined }] },
      'goods[0].value',
      /amount and currency/,
    ],
    [
      'a release before lodging',
      { ...valid, releasedAt: '2024-09-02T10:00:00Z' },
      'releasedAt',
      /before lodgedAt/,
    ],
    [
      'a lodgement a day ahead',
      { ...valid, lodgedAt: NOW + 86_400_000 },
      'lodgedAt',
      /in the future/,
    ],
    ['another country', { ...valid, country: 'UA' }, 'country', /must be MD/],
  ])('refuses %s, naming the field', (_name, body, field, message) => {
    const result = validateDeclarationInput(body, ctx);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContainEqual({ field, message: expect.stringMatching(message) as unknown });
  });

  it.each([
    [
      'a tractor plate with a lone surrogate',
      { ...valid, tractorPlate: 'AB\uDC001234KC' },
      'tractorPlate',
      'must be printable text: U+DC00 (a lone surrogate, not well-formed UTF-16) at index 2',
    ],
    [
      'a trailer plate in lower case',
      { ...valid, trailerPlate: 'ab 5678 xt' },
      'trailerPlate',
      "must hold only plate characters (A-Z, 0-9, АВЕІКМНОРСТХ, space, hyphen): U+0061 'a' is not one",
    ],
    [
      'a goods description with BEL',
      { ...valid, goods: [line, { ...line, description: 'Wine\u0007' }] },
      'goods[1].description',
      'must be printable text: U+0007 (a control character) at index 4',
    ],
    [
      'a goods description with a lone surrogate',
      { ...valid, goods: [{ ...line, description: '\uD83D wine' }] },
      'goods[0].description',
      'must be printable text: U+D83D (a lone surrogate, not well-formed UTF-16) at index 0',
    ],
    [
      'a goods description with CR LF',
      { ...valid, goods: [{ ...line, description: 'Wine\r\nin bottles' }] },
      'goods[0].description',
      'must be printable text: U+000D (a control character) at index 4',
    ],
    [
      'an MRN with a zero-width space',
      { ...valid, mrn: `${MRN.slice(0, 17)}\u200B` },
      'mrn',
      'must be printable text: U+200B (a zero-width character) at index 17',
    ],
    [
      'a lodgement on 30 February',
      { ...valid, lodgedAt: '2024-02-30T06:15:00Z' },
      'lodgedAt',
      'must be a time the calendar has, got "2024-02-30T06:15:00Z" (day 30: 2024-02 has days 01 to 29)',
    ],
    [
      'a lodgement older than allowed',
      { ...valid, lodgedAt: NOW - 86_400_001 },
      'lodgedAt',
      'is 86400001 ms in the past, more than the allowed age of 86400000 ms',
    ],
    [
      'a release in 1900',
      { ...valid, releasedAt: '1900-01-01T00:00:00Z' },
      'releasedAt',
      'must not be before 2000-01-01T00:00:00.000Z, got "1900-01-01T00:00:00Z"',
    ],
  ])('refuses %s, naming the field and why', (_name, body, field, message) => {
    expect(validateDeclarationInput(body, ctx)).toEqual({
      ok: false,
      problems: [{ field, message }],
    });
  });

  it('accepts an emoji in a goods description: free text, well-formed', () => {
    const body = { ...valid, goods: [{ ...line, description: 'Flowers 💐, fresh' }] };
    expect(validateDeclarationInput(body, ctx)).toMatchObject({ ok: true });
  });
});
