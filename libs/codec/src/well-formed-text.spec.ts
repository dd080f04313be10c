import { createAvroType } from './avro-type.factory';
import { illFormedTextPaths } from './well-formed-text';

const type = createAvroType({
  type: 'record',
  name: 'Spec',
  namespace: 'uamd.spec',
  fields: [
    { name: 'plateText', type: 'string' },
    { name: 'nationality', type: ['null', 'string'] },
    { name: 'count', type: 'int' },
    { name: 'raw', type: 'bytes' },
    {
      name: 'goods',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Line',
          fields: [{ name: 'description', type: 'string' }],
        },
      },
    },
    { name: 'labels', type: { type: 'map', values: 'string' } },
  ],
});
const clean = {
  plateText: 'АА 1234 ВС',
  nationality: null,
  count: 1,
  raw: Buffer.from([0xed, 0xa0, 0x80]),
  goods: [{ description: 'flowers 💐' }],
  labels: { ok: 'yes' },
};

describe('illFormedTextPaths: string fields that are not well-formed UTF-16, by path', () => {
  it('given well-formed text (Cyrillic, an emoji as a surrogate pair) and bytes that are not text, then nothing', () => {
    expect(illFormedTextPaths(type, clean)).toEqual([]);
  });

  it('given lone surrogates in a string, a union branch, an array item and a map value and key, then every path as avsc names them', () => {
    const data = {
      ...clean,
      plateText: 'AA\uD800BC',
      nationality: '\uDC00',
      goods: [{ description: 'ok' }, { description: 'x\uDBFF' }],
      labels: { ok: 'a\uD83D', 'k\uDFFF': 'fine' },
    };
    expect(illFormedTextPaths(type, data)).toEqual([
      'plateText',
      'nationality',
      'goods.1.description',
      'labels.ok',
      'labels.k\uDFFF',
    ]);
  });

  it('given a bare string type, then the value itself is named (record)', () => {
    expect(illFormedTextPaths(createAvroType('string'), '\uD800')).toEqual(['(record)']);
    expect(illFormedTextPaths(createAvroType('int'), 1)).toEqual([]);
  });
});
