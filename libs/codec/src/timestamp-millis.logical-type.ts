import { Type, types, type Schema } from 'avsc';
import { exactLongTypeHook } from './exact-long.type';

/**
 * `timestamp-millis` kept as a plain epoch-ms number: the domain does its time arithmetic on
 * numbers, and avsc's default (no logical type registered) would not reject a fractional or
 * unsafe value until it hit the wire.
 */
export class TimestampMillisType extends types.LogicalType {
  constructor(schema: Schema, opts?: object) {
    // The underlying long is the exact one, whatever typeHook the caller passed.
    super(schema, { ...opts, typeHook: exactLongTypeHook(true) });
    // Thrown here it surfaces because the codec builds types with `assertLogicalTypes`.
    if (!Type.isType(this.underlyingType, 'long', 'abstract:long')) {
      throw new Error(`timestamp-millis must annotate a long, not ${this.underlyingType.typeName}`);
    }
  }

  /** The exact long reader already refuses values outside the safe-integer range. */
  protected override _fromValue(value: unknown): number {
    return value as number;
  }

  /** Returning undefined makes avsc's isValid report the field and its encoder refuse it. */
  protected override _toValue(value: unknown): number | undefined {
    return isEpochMillis(value) ? value : undefined;
  }

  /** A plain long or int was written as epoch ms too; anything else cannot be read as a time. */
  protected override _resolve(writer: Type): ((value: number) => number) | undefined {
    if (Type.isType(writer, 'long', 'abstract:long', 'int', 'logical:timestamp-millis'))
      return (value) => value;
    return undefined;
  }
}

export function isEpochMillis(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export const LOGICAL_TYPES = { 'timestamp-millis': TimestampMillisType };
