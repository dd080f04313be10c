import { Type, type Schema } from 'avsc';
import { AvroBoundsGuard } from './avro-bounds.guard';
import { thrownBy, varint } from './codec.fixtures';
import { DecodeError } from './decode-error';

function guardFor(schema: Schema, limits = { maxItems: 100_000, maxDepth: 64 }): AvroBoundsGuard {
  return new AvroBoundsGuard(Type.forSchema(schema, { wrapUnions: false }), 42, limits);
}

function reasonOf(guard: AvroBoundsGuard, bytes: Buffer): string {
  const err = thrownBy(() => guard.check(bytes, 0));
  expect(err).toBeInstanceOf(DecodeError);
  expect(err).toMatchObject({ schemaId: 42, retriable: false });
  return (err as DecodeError).reason;
}

describe('AvroBoundsGuard', () => {
  const everything: Schema = {
    type: 'record',
    name: 'Everything',
    fields: [
      { name: 'n', type: 'null' },
      { name: 'b', type: 'boolean' },
      { name: 'i', type: 'int' },
      { name: 'l', type: 'long' },
      { name: 'f', type: 'float' },
      { name: 'd', type: 'double' },
      { name: 'by', type: 'bytes' },
      { name: 's', type: 'string' },
      { name: 'fx', type: { type: 'fixed', name: 'Four', size: 4 } },
      { name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] } },
      { name: 'u', type: ['null', 'string', 'long'] },
      { name: 'a', type: { type: 'array', items: 'int' } },
      {
        name: 'm',
        type: { type: 'map', values: { type: 'long', logicalType: 'timestamp-millis' } },
      },
    ],
  };
  const value = {
    n: null,
    b: true,
    i: -12,
    l: 2 ** 40,
    f: 0.5,
    d: -1.25,
    by: Buffer.from([1, 2, 3]),
    s: 'Отачь',
    fx: Buffer.from([9, 9, 9, 9]),
    e: 'B',
    u: 'x',
    a: [1, 2, 3],
    m: { a: 1, b: 2 },
  };

  it('given a valid value of every Avro kind, when checked, then it returns the offset just past it', () => {
    const type = Type.forSchema(everything, { wrapUnions: false });
    const body = type.toBuffer(value);
    const padded = Buffer.concat([Buffer.from([7, 7]), body, Buffer.from([1])]);
    expect(guardFor(everything).check(padded, 2)).toBe(2 + body.length);
  });

  it('given the valid value cut at every position, then each cut throws TRUNCATED', () => {
    const guard = guardFor(everything);
    const body = Type.forSchema(everything, { wrapUnions: false }).toBuffer(value);
    for (let cut = 0; cut < body.length; cut++) {
      expect(reasonOf(guard, body.subarray(0, cut))).toBe('TRUNCATED');
    }
  });

  it('given an array of nulls (zero bytes per item) claiming 2 000 000 000 items, then the item cap rejects it', () => {
    const guard = guardFor({ type: 'array', items: 'null' });
    expect(reasonOf(guard, Buffer.concat([varint(2_000_000_000), Buffer.from([0])]))).toBe(
      'INVALID_AVRO',
    );
  });

  it('given many small blocks that together pass the item cap, then INVALID_AVRO', () => {
    const guard = guardFor({ type: 'array', items: 'null' }, { maxItems: 10, maxDepth: 8 });
    expect(guard.check(Buffer.concat([varint(5), varint(5), varint(0)]), 0)).toBe(3);
    expect(reasonOf(guard, Buffer.concat([varint(5), varint(5), varint(1), varint(0)]))).toBe(
      'INVALID_AVRO',
    );
  });

  it('given an array of longs claiming more items than bytes left, then TRUNCATED', () => {
    expect(
      reasonOf(
        guardFor({ type: 'array', items: 'long' }),
        Buffer.concat([varint(50), Buffer.alloc(20)]),
      ),
    ).toBe('TRUNCATED');
  });

  it('given a map claiming 2^40 entries, then it is rejected', () => {
    expect(reasonOf(guardFor({ type: 'map', values: 'null' }), varint(2 ** 40))).toBe('TRUNCATED');
  });

  it('given a negative block count whose block size disagrees with its items, then INVALID_AVRO', () => {
    const guard = guardFor({ type: 'array', items: 'int' });
    expect(
      guard.check(Buffer.concat([varint(-2), varint(2), varint(1), varint(1), varint(0)]), 0),
    ).toBe(5);
    expect(
      reasonOf(
        guard,
        Buffer.concat([varint(-2), varint(3), varint(1), varint(1), varint(0), varint(0)]),
      ),
    ).toBe('INVALID_AVRO');
  });

  it('given a varint of 11 bytes, then INVALID_AVRO', () => {
    expect(reasonOf(guardFor('long'), Buffer.from([...Array<number>(10).fill(0xff), 0x01]))).toBe(
      'INVALID_AVRO',
    );
    expect(reasonOf(guardFor('int'), Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toBe(
      'INVALID_AVRO',
    );
  });

  it('given a negative bytes or string length, then INVALID_AVRO', () => {
    expect(reasonOf(guardFor('bytes'), Buffer.concat([varint(-1), Buffer.alloc(4)]))).toBe(
      'INVALID_AVRO',
    );
    expect(reasonOf(guardFor('string'), Buffer.concat([varint(-3), Buffer.alloc(4)]))).toBe(
      'INVALID_AVRO',
    );
  });

  it('given a string length of 2^62 (beyond exact float range), then TRUNCATED', () => {
    expect(
      reasonOf(
        guardFor('string'),
        Buffer.from([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
      ),
    ).toBe('TRUNCATED');
  });

  it('given a string that is not UTF-8, then INVALID_AVRO (avsc would silently write U+FFFD)', () => {
    expect(
      reasonOf(guardFor('string'), Buffer.concat([varint(2), Buffer.from([0xc3, 0x28])])),
    ).toBe('INVALID_AVRO');
  });

  it('given a union index out of range or negative, then INVALID_AVRO', () => {
    const guard = guardFor(['null', 'string']);
    expect(reasonOf(guard, varint(2))).toBe('INVALID_AVRO');
    expect(reasonOf(guard, varint(-1))).toBe('INVALID_AVRO');
  });

  it('given an enum index out of range, then INVALID_AVRO', () => {
    expect(reasonOf(guardFor({ type: 'enum', name: 'E', symbols: ['A'] }), varint(1))).toBe(
      'INVALID_AVRO',
    );
  });

  it('given a boolean byte other than 0 or 1, then INVALID_AVRO', () => {
    expect(reasonOf(guardFor('boolean'), Buffer.from([2]))).toBe('INVALID_AVRO');
  });

  it('given a recursive schema nested deeper than the limit, then INVALID_AVRO instead of a stack overflow', () => {
    const list: Schema = {
      type: 'record',
      name: 'Node',
      fields: [{ name: 'next', type: ['null', 'Node'] }],
    };
    const guard = guardFor(list, { maxItems: 10, maxDepth: 20 });
    expect(guard.check(Buffer.from([2, 2, 0]), 0)).toBe(3);
    expect(reasonOf(guard, Buffer.alloc(100_000, 2))).toBe('INVALID_AVRO');
  });
});
