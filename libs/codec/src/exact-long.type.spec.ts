import { Type } from 'avsc';
import { createAvroType } from './avro-type.factory';
import { thrownBy } from './codec.fixtures';
import { EXACT_LONG } from './exact-long.type';

const avscLong = Type.forSchema('long');
const MAX = Number.MAX_SAFE_INTEGER;

describe('EXACT_LONG', () => {
  it.each([
    0,
    1,
    -1,
    63,
    -64,
    64,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 52,
    -(2 ** 52),
    -(2 ** 52) - 1,
    2 ** 52 + 1,
    MAX,
    -MAX,
  ])('given %p, when round-tripped, then it is unchanged', (n) => {
    expect(EXACT_LONG.fromBuffer(EXACT_LONG.toBuffer(n))).toBe(n);
  });

  it.each([0, 1, -1, 300, -300, 1_747_038_615_250, -(2 ** 40), 2 ** 53 - 2])(
    'given %p, then the bytes are the standard Avro zig-zag varint avsc also writes',
    (n) => {
      expect(EXACT_LONG.toBuffer(n)).toEqual(avscLong.toBuffer(n));
      expect(avscLong.fromBuffer(EXACT_LONG.toBuffer(n))).toBe(n);
    },
  );

  it("given -(2^52 + 1), then it survives where avsc's built-in long flips it to +2^52", () => {
    const n = -(2 ** 52) - 1;
    expect(avscLong.fromBuffer(avscLong.toBuffer(n))).toBe(2 ** 52);
    expect(EXACT_LONG.fromBuffer(EXACT_LONG.toBuffer(n))).toBe(n);
  });

  it.each([1.5, Number.NaN, 2 ** 53, -(2 ** 53), '7', null])(
    'given %p, then isValid is false and encoding throws',
    (bad) => {
      expect(EXACT_LONG.isValid(bad)).toBe(false);
      expect(() => EXACT_LONG.toBuffer(bad)).toThrow();
    },
  );

  it('given a wire long of 2^62, when decoded, then it throws instead of rounding', () => {
    const bytes = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
    expect(thrownBy(() => EXACT_LONG.fromBuffer(bytes))).toBeInstanceOf(Error);
  });

  it('given a schema, when built by createAvroType, then plain and timestamp longs are both exact', () => {
    const type = createAvroType({
      type: 'record',
      name: 'T',
      fields: [
        { name: 'seq', type: 'long' },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      ],
    });
    const value = { seq: -(2 ** 52) - 3, at: -(2 ** 52) - 1 };
    expect(type.fromBuffer(type.toBuffer(value))).toEqual(value);
  });
});
