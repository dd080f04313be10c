import { type GoodsLine, type InputEvent } from '@uamd/domain';
import { type ConditionCheck, type TechnicalCondition } from '../../condition';
import { type CheckOptions } from '../check-options';
import { MessageCheck } from '../message-check';
import { quoted } from './field-text';

/** 6 digits internationally, national extensions up to 10 (docs/domain.md; the generator emits 6 and 10). */
const HS_CODE = /^[0-9]{6,10}$/;
/**
 * The ISO 4217 codes in use, as the runtime's ICU data lists them: kept current by Node
 * releases rather than by hand, and without the withdrawn ones (DEM, ROL, UAK…).
 */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export const GOODS: TechnicalCondition = {
  id: 'TC-FIELD-4',
  title: 'Goods lines are well-formed',
  rule: 'A declaration has at least one goods line. Each line has an HS code of 6 to 10 digits (the 6-digit international code, with any national extension), a gross mass in kilograms that is a finite number above zero, and a value whose amount is a finite number not below zero, in a currency given by its ISO 4217 alphabetic code.',
  severity: 'mandatory',
  parameters: {
    hsCodeDigits: '6–10',
    grossMassKgAbove: 0,
    valueAmountAtLeast: 0,
    currencyCodes: CURRENCIES.size,
  },
};

/** TC-FIELD-4: every goods field of a declaration, every line, each bad field named by its path. */
export class GoodsCheck extends MessageCheck implements ConditionCheck {
  constructor(options: CheckOptions) {
    super(GOODS, options);
  }

  protected problemsOf(event: InputEvent): string[] | null {
    if (event.type !== 'CustomsDeclaration') return null;
    const { goods } = event.data;
    if (goods.length === 0) return ['goods is empty: a declaration has at least one goods line'];
    return goods.flatMap((line, i) => lineProblems(line, `goods[${i}]`));
  }
}

function lineProblems({ hsCode, grossMassKg, value }: GoodsLine, path: string): string[] {
  const problems: string[] = [];
  if (!HS_CODE.test(hsCode))
    problems.push(`${path}.hsCode ${quoted(hsCode)} is not 6 to 10 digits`);
  if (!Number.isFinite(grossMassKg))
    problems.push(`${path}.grossMassKg ${grossMassKg} is not a finite number`);
  else if (grossMassKg <= 0) problems.push(`${path}.grossMassKg ${grossMassKg} is not above 0`);
  if (!Number.isFinite(value.amount))
    problems.push(`${path}.value.amount ${value.amount} is not a finite number`);
  else if (value.amount < 0) problems.push(`${path}.value.amount ${value.amount} is below 0`);
  if (!CURRENCIES.has(value.currency))
    problems.push(
      `${path}.value.currency ${quoted(value.currency)} is not an ISO 4217 currency code`,
    );
  return problems;
}
