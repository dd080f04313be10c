import { type InputEvent } from '@uamd/domain';
import { AvroCodec } from './avro-codec';
import { FIXTURES, thrownBy } from './codec.fixtures';
import { EncodeError } from './decode-error';

const codec = AvroCodec.load();

/** Nothing undecodable is published: encode refuses what the decoders would dead-letter or alter. */
describe('AvroCodec.encode: strings must be well-formed UTF-16', () => {
  it.each([
    ['short (avsc would write ED A0 80, not UTF-8)', 'AA\uD800BC'],
    ['long (avsc would write U+FFFD, another plate)', `${'A'.repeat(40)}\uDC00`],
  ])(
    'given a plate text with a lone surrogate, %s, then EncodeError names plateText',
    (_name, plateText) => {
      const event: InputEvent = {
        type: 'PlateRead',
        data: { ...FIXTURES.plateRead.data, plateText },
      };
      const err = thrownBy(() => codec.encode(event));
      expect(err).toBeInstanceOf(EncodeError);
      expect(err).toMatchObject({ eventType: 'PlateRead', paths: ['plateText'], retriable: false });
      expect((err as Error).message).toMatch(
        /plateText is not well-formed UTF-16 \(a lone surrogate\)/,
      );
    },
  );

  it('given lone surrogates in a nested goods description and the trailer plate, then both paths', () => {
    const data = FIXTURES.customsDeclaration.data;
    const goods = [data.goods[0]!, { ...data.goods[1]!, description: 'oil \uD83D' }];
    const event: InputEvent = {
      type: 'CustomsDeclaration',
      data: { ...data, trailerPlate: '\uDFFF', goods },
    };
    expect(thrownBy(() => codec.encode(event))).toMatchObject({
      paths: ['trailerPlate', 'goods.1.description'],
    });
  });

  it('given an output event with a lone surrogate, then it is refused too (every producer)', () => {
    const data = { ...FIXTURES.crossingMatched.data, entryPlateText: 'AA1234B\uD800' };
    expect(thrownBy(() => codec.encode({ type: 'CrossingMatched', data }))).toMatchObject({
      paths: ['entryPlateText'],
    });
  });

  it('given an emoji (a surrogate pair), then it encodes and decodes unchanged', () => {
    const event: InputEvent = {
      type: 'PlateRead',
      data: { ...FIXTURES.plateRead.data, eventId: 'cam-🚗-1' },
    };
    expect(codec.decode(codec.encode(event)).event).toEqual(event);
  });
});
