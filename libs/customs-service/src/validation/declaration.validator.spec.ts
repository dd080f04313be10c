import { makeMrn } from '@uamd/domain';
import { validateDeclarationInput, type DeclarationContext } from './declaration.validator';

const NOW = Date.UTC(2024, 8, 2, 12);
const MRN = makeMrn('24', 'UA', '100000A1B2C3', 'J');
const WRONG_CHECK = MRN.slice(0, 17) + String((Number(MRN[17]) + 1) % 10);
const ctx: DeclarationContext = {
  country: 'MD',
  nowMs: NOW,
  maxFutureSkewMs: 300_000,
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
});
