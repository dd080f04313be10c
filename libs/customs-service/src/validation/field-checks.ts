import { CROSSING_POINTS, findCrossingPoint, type Country, type CrossingPoint } from '@uamd/domain';
import { plateProblem } from './plate-text';
import { notPrintableReason } from './printable-text';
import { checkTime, type TimeWindow } from './time-field';

export interface Problem {
  field: string;
  message: string;
}

export type ValidationResult<E> = { ok: true; event: E } | { ok: false; problems: Problem[] };

/** `nowMs`, `maxFutureSkewMs` and `maxPastMs` bound every time field (time-field.ts). */
export interface ValidationContext extends TimeWindow {
  /** The service's own country: a body may omit it but never claim another. */
  country: Country;
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects every problem of a body instead of stopping at the first, so one 400 tells the client everything. */
export class FieldChecker {
  constructor(
    private readonly body: JsonObject,
    /** Prepended to field names, e.g. `goods[0].`; nested checkers share the parent's problem list. */
    private readonly prefix = '',
    readonly problems: Problem[] = [],
  ) {}

  nested(body: JsonObject, prefix: string): FieldChecker {
    return new FieldChecker(body, `${this.prefix}${prefix}`, this.problems);
  }

  raw(field: string): unknown {
    return this.body[field];
  }

  add(field: string, message: string): undefined {
    this.problems.push({ field: `${this.prefix}${field}`, message });
    return undefined;
  }

  /** Unknown fields are refused: a misspelt optional field would otherwise silently take its default. */
  onlyFields(allowed: readonly string[]): void {
    for (const key of Object.keys(this.body))
      if (!allowed.includes(key)) this.add(key, 'is not a known field');
  }

  has(field: string): boolean {
    return this.body[field] !== undefined;
  }

  string(
    field: string,
    options: { maxLength: number; optional?: boolean; pattern?: RegExp; patternHint?: string },
  ): string | undefined {
    const value = this.body[field];
    if (value === undefined || value === null)
      return options.optional ? undefined : this.add(field, 'is required');
    if (typeof value !== 'string')
      return this.add(field, `must be a string, got ${typeName(value)}`);
    if (value.trim() === '') return this.add(field, 'must not be empty');
    if (value.length > options.maxLength)
      return this.add(
        field,
        `must be at most ${options.maxLength} characters, got ${value.length}`,
      );
    const notPrintable = notPrintableReason(value);
    if (notPrintable !== null) return this.add(field, notPrintable);
    if (options.pattern && !options.pattern.test(value))
      return this.add(field, options.patternHint ?? `must match ${String(options.pattern)}`);
    return value;
  }

  /** A plate as read or declared: a string of the plate alphabet (plate-text.ts). */
  plate(field: string, options: { optional?: boolean } = {}): string | undefined {
    const value = this.string(field, { maxLength: MAX_PLATE_LENGTH, ...options });
    if (value === undefined) return undefined;
    const problem = plateProblem(value);
    return problem === null ? value : this.add(field, problem);
  }

  oneOf<const T extends string>(
    field: string,
    values: readonly T[],
    defaultValue?: T,
  ): T | undefined {
    const value = this.body[field];
    if (value === undefined)
      return defaultValue ?? this.add(field, `is required (one of ${values.join(', ')})`);
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      return this.add(field, `must be one of ${values.join(', ')}, got ${JSON.stringify(value)}`);
    }
    return value as T;
  }

  number(
    field: string,
    options: {
      min: number;
      max?: number;
      exclusiveMin?: boolean;
      integer?: boolean;
      optional?: boolean;
    },
  ): number | undefined {
    const value = this.body[field];
    if (value === undefined || value === null)
      return options.optional ? undefined : this.add(field, 'is required');
    if (typeof value !== 'number' || !Number.isFinite(value))
      return this.add(field, `must be a number, got ${typeName(value)}`);
    if (options.integer && !Number.isSafeInteger(value))
      return this.add(field, `must be an integer, got ${value}`);
    const { min, max, exclusiveMin } = options;
    if (exclusiveMin ? value <= min : value < min)
      return this.add(field, `must be ${exclusiveMin ? '>' : '≥'} ${min}, got ${value}`);
    if (max !== undefined && value > max) return this.add(field, `must be ≤ ${max}, got ${value}`);
    // JSON may say -0; an Avro int or long has no negative zero, so it would not come back as sent.
    return options.integer && Object.is(value, -0) ? 0 : value;
  }

  /** ISO-8601 with a timezone, or epoch ms, within the context's window (time-field.ts). */
  time(field: string, ctx: TimeWindow, options: { optional?: boolean } = {}): number | undefined {
    const value = this.body[field];
    if (value === undefined || value === null)
      return options.optional ? undefined : this.add(field, 'is required');
    const checked = checkTime(value, ctx);
    return checked.ok ? checked.ms : this.add(field, checked.problem);
  }
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return `number ${String(value)}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** The shared first steps: a JSON object whose `country`, if given, is the service's own. */
export function checkEnvelope(
  body: unknown,
  ctx: ValidationContext,
): { checker: FieldChecker } | { problems: Problem[] } {
  if (!isJsonObject(body)) {
    return {
      problems: [
        {
          field: 'body',
          message: `must be a JSON object (Content-Type: application/json), got ${body === undefined ? 'no body' : typeName(body)}`,
        },
      ],
    };
  }
  const checker = new FieldChecker(body);
  if (body['country'] !== undefined && body['country'] !== ctx.country) {
    checker.add(
      'country',
      `must be ${ctx.country} (this service publishes only its own country's events), got ${JSON.stringify(body['country'])}`,
    );
  }
  return { checker };
}

/** Border transport means are identified by up to 35 characters (docs/domain.md). */
export const MAX_PLATE_LENGTH = 35;
export const MAX_EVENT_ID_LENGTH = 128;

export const KNOWN_CROSSING_POINTS = CROSSING_POINTS.map((p) => p.id).join(', ');

/** The `crossingPoint` field, resolved against the border-post registry. */
export function checkedCrossingPoint(c: FieldChecker): CrossingPoint | undefined {
  const pointId = c.string('crossingPoint', { maxLength: 100 });
  if (pointId === undefined) return undefined;
  return (
    findCrossingPoint(pointId) ??
    c.add(
      'crossingPoint',
      `is not a known crossing point (known: ${KNOWN_CROSSING_POINTS}), got ${JSON.stringify(pointId)}`,
    )
  );
}
