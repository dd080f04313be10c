import { Type } from 'avsc';
import { LOGICAL_TYPES } from './timestamp-millis.logical-type';

// Fresh options per type: avsc stores its name registry in the options object.
const opts = () => ({
  logicalTypes: LOGICAL_TYPES,
  assertLogicalTypes: true,
  wrapUnions: false as const,
});
const type = Type.forSchema({ type: 'long', logicalType: 'timestamp-millis' }, opts());

describe('TimestampMillisType', () => {
  it('given an epoch-ms number, when round-tripped, then it stays a plain number', () => {
    const ms = Date.UTC(2025, 4, 12, 8, 30, 15, 250);
    expect(type.fromBuffer(type.toBuffer(ms))).toBe(ms);
    expect(type.fromBuffer(type.toBuffer(-1))).toBe(-1);
    expect(type.fromBuffer(type.toBuffer(-(2 ** 52) - 1))).toBe(-(2 ** 52) - 1);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '1747038615000', new Date(0), null])(
    'given %p, then isValid is false and encoding throws',
    (bad) => {
      expect(type.isValid(bad)).toBe(false);
      expect(() => type.toBuffer(bad)).toThrow();
    },
  );

  it('given a field written as a plain long, when read as timestamp-millis, then it resolves', () => {
    const writer = Type.forSchema('long');
    expect(type.fromBuffer(writer.toBuffer(42), type.createResolver(writer))).toBe(42);
  });

  it('given a string writer, then no resolver can be built', () => {
    expect(() => type.createResolver(Type.forSchema('string'))).toThrow();
  });

  it('given timestamp-millis on a non-long, then building the type fails loudly', () => {
    expect(() =>
      Type.forSchema({ type: 'string', logicalType: 'timestamp-millis' }, opts()),
    ).toThrow(/must annotate a long/);
  });
});
