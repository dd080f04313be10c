import { type GoodsLine } from '@uamd/domain';
import { exchangedAll, observedTraffic, runCheck, withData } from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { firstOf, overCleanTraffic } from './field-testing';
import { GoodsCheck } from './goods.check';

describe('TC-FIELD-4 goods', () => {
  it.each([
    ['tiny', 7],
    ['demo', 42],
  ])(
    'given clean %s traffic (6- and 10-digit codes, four currencies), then every line passes',
    (name, seed) => {
      const { result, applicable } = overCleanTraffic(
        new GoodsCheck(DEFAULT_CHECK_OPTIONS),
        name,
        seed,
        ['CustomsDeclaration'],
      );
      expect([result.verdict, result.violations]).toEqual(['pass', 0]);
      expect(result.checked).toBe(applicable);
    },
  );

  const declaration = firstOf(observedTraffic(), 'CustomsDeclaration');
  const line: GoodsLine = {
    hsCode: '1001991000',
    description: 'Wheat',
    grossMassKg: 12_000,
    value: { amount: 0, currency: 'RON' },
  };
  const goods = (...patches: Partial<GoodsLine>[]) => patches.map((p) => ({ ...line, ...p }));

  it('given an empty goods list and lines with bad fields, then every bad field of every line is named', () => {
    const result = runCheck(
      new GoodsCheck(DEFAULT_CHECK_OPTIONS),
      exchangedAll([
        withData(declaration, { goods: [] }),
        withData(declaration, {
          goods: goods(
            {},
            { hsCode: '12345', grossMassKg: 0 },
            { grossMassKg: NaN, value: { amount: -1, currency: 'XYZ' } },
          ),
        }),
        withData(declaration, {
          goods: goods(
            { hsCode: '10019912345', value: { amount: Infinity, currency: 'eur' } },
            { hsCode: '1001 99', grossMassKg: -5 },
            // Withdrawn in 2005: ICU no longer lists it.
            { value: { amount: 10, currency: 'ROL' } },
          ),
        }),
        withData(declaration, { goods: goods({}, { value: { amount: 1.5, currency: 'UAH' } }) }),
        declaration,
      ]),
    );
    expect(result.checked).toBe(5);
    expect(result.violations).toBe(3);
    expect(result.samples.map((s) => [s.position, s.reason])).toEqual([
      ['record 1', 'goods is empty: a declaration has at least one goods line'],
      [
        'record 2',
        [
          "goods[1].hsCode '12345' is not 6 to 10 digits",
          'goods[1].grossMassKg 0 is not above 0',
          'goods[2].grossMassKg NaN is not a finite number',
          'goods[2].value.amount -1 is below 0',
          "goods[2].value.currency 'XYZ' is not an ISO 4217 currency code",
        ].join('; '),
      ],
      [
        'record 3',
        [
          "goods[0].hsCode '10019912345' is not 6 to 10 digits",
          'goods[0].value.amount Infinity is not a finite number',
          "goods[0].value.currency 'eur' is not an ISO 4217 currency code",
          "goods[1].hsCode '1001 99' is not 6 to 10 digits",
          'goods[1].grossMassKg -5 is not above 0',
          "goods[2].value.currency 'ROL' is not an ISO 4217 currency code",
        ].join('; '),
      ],
    ]);
  });
});
