import { types, type Schema, type Type } from 'avsc';

const TWO_32 = 2 ** 32;

/**
 * A `long` that is exact over the whole safe-integer range. avsc's built-in long does its
 * varint arithmetic in floats and silently flips e.g. -(2^52 + 1) to +2^52 on encode; this
 * one lets avsc pack the 64 bits byte-wise and converts them here, throwing (on decode) or
 * failing isValid (on encode) for anything outside ±(2^53 - 1).
 */
export const EXACT_LONG: Type = types.LongType.__with({
  fromBuffer(buf: Buffer): number {
    const value = buf.readInt32LE(4) * TWO_32 + buf.readUInt32LE(0);
    if (!Number.isSafeInteger(value)) throw new Error('long outside the safe integer range');
    return value;
  },
  toBuffer(value: number): Buffer {
    const buf = Buffer.alloc(8);
    const high = Math.floor(value / TWO_32);
    buf.writeInt32LE(high, 4);
    buf.writeUInt32LE(value - high * TWO_32, 0);
    return buf;
  },
  fromJSON(value: unknown): number {
    if (!Number.isSafeInteger(value)) throw new Error(`not a safe integer: ${String(value)}`);
    return value as number;
  },
  toJSON: (value: number): number => value,
  isValid: (value: unknown): boolean => Number.isSafeInteger(value),
  compare: (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0),
});

/** For `typeHook`: every plain long becomes EXACT_LONG; `underlying` also takes longs carrying a logicalType. */
export function exactLongTypeHook(underlying: boolean): (schema: Schema) => Type | undefined {
  return (schema) => {
    if (schema === 'long') return EXACT_LONG;
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
    const record = schema as { type?: unknown; logicalType?: unknown };
    if (record.type !== 'long') return undefined;
    return underlying || record.logicalType === undefined ? EXACT_LONG : undefined;
  };
}
