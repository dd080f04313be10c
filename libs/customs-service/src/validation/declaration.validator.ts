import {
  checkMrn,
  mrnCheckCharacter,
  type CustomsDeclaration,
  type GoodsLine,
  type InputEvent,
} from '@uamd/domain';
import {
  checkedCrossingPoint,
  checkEnvelope,
  isJsonObject,
  MAX_EVENT_ID_LENGTH,
  typeName,
  type FieldChecker,
  type ValidationContext,
  type ValidationResult,
} from './field-checks';

export interface DeclarationContext extends ValidationContext {
  newEventId(): string;
}

const FIELDS = [
  'eventId',
  'country',
  'crossingPoint',
  'kind',
  'mrn',
  'tractorPlate',
  'trailerPlate',
  'goods',
  'lodgedAt',
  'releasedAt',
];
const GOODS_FIELDS = ['hsCode', 'description', 'grossMassKg', 'value'];
const VALUE_FIELDS = ['amount', 'currency'];
/** Far above any real load; keeps one request from turning into a huge Kafka record. */
const MAX_GOODS_LINES = 999;

export function validateDeclarationInput(
  body: unknown,
  ctx: DeclarationContext,
): ValidationResult<InputEvent> {
  const envelope = checkEnvelope(body, ctx);
  if ('problems' in envelope) return { ok: false, problems: envelope.problems };
  const c = envelope.checker;
  c.onlyFields(FIELDS);

  const eventId = c.string('eventId', { maxLength: MAX_EVENT_ID_LENGTH, optional: true });
  const point = checkedCrossingPoint(c);
  const kind = c.oneOf('kind', ['EXPORT', 'IMPORT', 'TRANSIT'] as const);
  const mrn = checkedMrn(c);
  const tractorPlate = c.plate('tractorPlate');
  const trailerPlate = c.plate('trailerPlate', { optional: true });
  const goods = checkedGoods(c);
  const lodgedAt = c.time('lodgedAt', ctx);
  const releasedAt = c.time('releasedAt', ctx, { optional: true });
  if (lodgedAt !== undefined && releasedAt !== undefined && releasedAt < lodgedAt) {
    c.add(
      'releasedAt',
      `must not be before lodgedAt (released ${lodgedAt - releasedAt} ms earlier)`,
    );
  }

  if (c.problems.length > 0) return { ok: false, problems: c.problems };
  // Every required value is defined here: each missing one added a problem above.
  const data: CustomsDeclaration = {
    eventId: eventId ?? ctx.newEventId(),
    country: ctx.country,
    crossingPoint: point!.id,
    kind: kind!,
    mrn: mrn!,
    tractorPlate: tractorPlate!,
    trailerPlate: trailerPlate ?? null,
    goods: goods!,
    lodgedAt: lodgedAt!,
    releasedAt: releasedAt ?? null,
  };
  return { ok: true, event: { type: 'CustomsDeclaration', data } };
}

function checkedMrn(c: FieldChecker): string | undefined {
  const mrn = c.string('mrn', { maxLength: 18 });
  if (mrn === undefined) return undefined;
  switch (checkMrn(mrn)) {
    case null:
      return mrn;
    case 'FORMAT':
      return c.add(
        'mrn',
        'has the wrong format: expected 18 characters, 2-digit year, 2-letter country, 12 letters or digits, procedure letter J–M, check character',
      );
    case 'CHECK_CHARACTER':
      return c.add(
        'mrn',
        `has a wrong check character: ISO 6346 gives ${mrnCheckCharacter(mrn.slice(0, 17))}, got ${mrn[17]}`,
      );
  }
}

function checkedGoods(c: FieldChecker): GoodsLine[] | undefined {
  const goods = c.raw('goods');
  if (goods === undefined || goods === null)
    return c.add('goods', 'is required (at least one goods line)');
  if (!Array.isArray(goods))
    return c.add('goods', `must be an array of goods lines, got ${typeName(goods)}`);
  if (goods.length === 0) return c.add('goods', 'must have at least one goods line');
  if (goods.length > MAX_GOODS_LINES)
    return c.add('goods', `must have at most ${MAX_GOODS_LINES} lines, got ${goods.length}`);
  const before = c.problems.length;
  const lines = goods.map((item: unknown, i): GoodsLine | undefined => {
    if (!isJsonObject(item))
      return c.add(`goods[${i}]`, `must be an object, got ${typeName(item)}`);
    const line = c.nested(item, `goods[${i}].`);
    line.onlyFields(GOODS_FIELDS);
    const hsCode = line.string('hsCode', {
      maxLength: 10,
      pattern: /^\d{6,10}$/,
      patternHint: 'must be 6 to 10 digits (HS code, national extensions allowed)',
    });
    const description = line.string('description', { maxLength: 512 });
    const grossMassKg = line.number('grossMassKg', { min: 0, exclusiveMin: true });
    const rawValue = line.raw('value');
    if (!isJsonObject(rawValue))
      return line.add(
        'value',
        `must be an object with amount and currency, got ${rawValue === undefined ? 'nothing' : typeName(rawValue)}`,
      );
    const value = line.nested(rawValue, 'value.');
    value.onlyFields(VALUE_FIELDS);
    const amount = value.number('amount', { min: 0 });
    const currency = value.string('currency', {
      maxLength: 3,
      pattern: /^[A-Z]{3}$/,
      patternHint: 'must be a 3-letter ISO 4217 code such as EUR',
    });
    if (
      hsCode === undefined ||
      description === undefined ||
      grossMassKg === undefined ||
      amount === undefined ||
      currency === undefined
    )
      return undefined;
    return { hsCode, description, grossMassKg, value: { amount, currency } };
  });
  return c.problems.length > before ? undefined : (lines as GoodsLine[]);
}
