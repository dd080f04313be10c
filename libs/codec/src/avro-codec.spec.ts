import { Type } from 'avsc';
import { type PlateRead } from '@uamd/domain';
import { AvroCodec } from './avro-codec';
import { ALL_FIXTURES, FIXTURES, frame, thrownBy, varint } from './codec.fixtures';
import { DecodeError, EncodeError } from './decode-error';
import { loadCatalog } from './schema-catalog';

const codec = AvroCodec.load();
const catalog = loadCatalog();

function catalogId(shortName: string): number {
  const entry = catalog.find((e) => e.name.endsWith(`.${shortName}`));
  if (!entry) throw new Error(`no catalog entry for ${shortName}`);
  return entry.id;
}

function decodeFailure(buf: Buffer): DecodeError {
  const err = thrownBy(() => codec.decode(buf));
  expect(err).toBeInstanceOf(DecodeError);
  return err as DecodeError;
}

describe('AvroCodec', () => {
  describe('round trip', () => {
    it.each(ALL_FIXTURES)(
      'given the %s fixture, when encoded and decoded, then the same event comes back',
      (_name, event) => {
        const { schemaId, event: decoded } = codec.decode(codec.encode(event));
        expect(schemaId).toBe(catalogId(event.type));
        expect(decoded).toEqual(event);
      },
    );

    it('given a Cyrillic plate text, when round-tripped, then every character survives', () => {
      const { event } = codec.decode(codec.encode(FIXTURES.plateRead));
      expect((event.data as PlateRead).plateText).toBe('АА 1234 ВС');
    });

    it('given null and non-null union fields, when decoded, then they are null or the plain value (no wrapper)', () => {
      const withValue = codec.decode(codec.encode(FIXTURES.plateRead)).event.data as PlateRead;
      const withNull = codec.decode(codec.encode(FIXTURES.plateReadNoNationality)).event
        .data as PlateRead;
      expect(withValue.plateNationality).toBe('UA');
      expect(withNull.plateNationality).toBeNull();
    });

    it('given the codec is loaded twice for the same folder, then the same instance is returned', () => {
      expect(AvroCodec.load()).toBe(codec);
    });
  });

  describe('framing', () => {
    it.each(ALL_FIXTURES)(
      'given the %s fixture, when encoded, then byte 0 is 0x00 and bytes 1..4 are its catalog id',
      (_name, event) => {
        const buf = codec.encode(event);
        expect(buf[0]).toBe(0x00);
        expect(buf.readUInt32BE(1)).toBe(catalogId(event.type));
        expect(codec.schemaIdFor(event.type)).toBe(catalogId(event.type));
      },
    );

    it('given a framed message, when the body is read with the plain schema, then it is standard Avro binary', () => {
      const entry = catalog.find((e) => e.id === 1)!;
      const plain = Type.forSchema(entry.schema, { wrapUnions: false });
      const body = codec.encode(FIXTURES.plateRead).subarray(5);
      expect(plain.fromBuffer(body)).toEqual(FIXTURES.plateRead.data);
    });
  });

  describe('decodeInput / decodeOutput', () => {
    it('given an input event, when decoded as input, then it is returned typed', () => {
      const { event } = codec.decodeInput(codec.encode(FIXTURES.cameraHeartbeat));
      expect(event).toEqual(FIXTURES.cameraHeartbeat);
    });

    it('given an output event, when decoded as input, then UNEXPECTED_TYPE names the type', () => {
      const err = thrownBy(() => codec.decodeInput(codec.encode(FIXTURES.feedStale)));
      expect(err).toBeInstanceOf(DecodeError);
      expect(err).toMatchObject({
        reason: 'UNEXPECTED_TYPE',
        schemaId: catalogId('FeedStale'),
        retriable: false,
      });
      expect((err as Error).message).toContain('FeedStale');
    });

    it('given an input event, when decoded as output, then UNEXPECTED_TYPE', () => {
      const err = thrownBy(() => codec.decodeOutput(codec.encode(FIXTURES.plateRead)));
      expect(err).toMatchObject({ reason: 'UNEXPECTED_TYPE' });
      expect(codec.decodeOutput(codec.encode(FIXTURES.crossingOverdue)).event).toEqual(
        FIXTURES.crossingOverdue,
      );
    });
  });

  describe('rejections', () => {
    const valid = codec.encode(FIXTURES.plateRead);

    it('given an empty buffer, then EMPTY', () => {
      expect(decodeFailure(Buffer.alloc(0))).toMatchObject({ reason: 'EMPTY', retriable: false });
      expect(thrownBy(() => codec.decode(null))).toMatchObject({ reason: 'EMPTY' });
    });

    it('given a wrong magic byte, then BAD_MAGIC', () => {
      const buf = Buffer.from(valid);
      buf[0] = 0x7b; // a JSON '{' on the Avro topic
      const err = decodeFailure(buf);
      expect(err.reason).toBe('BAD_MAGIC');
      expect(err.message).toContain('0x7b');
    });

    it('given an unknown schema id, then UNKNOWN_SCHEMA_ID names the id and the known ones', () => {
      const buf = Buffer.from(valid);
      buf.writeUInt32BE(999, 1);
      const err = decodeFailure(buf);
      expect(err).toMatchObject({ reason: 'UNKNOWN_SCHEMA_ID', schemaId: 999 });
      expect(err.message).toBe('unknown schema id 999 (known: 1, 2, 3, 4, 101, 102, 103, 104)');
    });

    it('given a header shorter than 5 bytes, then TRUNCATED', () => {
      expect(decodeFailure(Buffer.from([0, 0, 0])).reason).toBe('TRUNCATED');
    });

    it.each(ALL_FIXTURES)(
      'given the %s fixture cut at every position, then each cut throws TRUNCATED or INVALID_AVRO',
      (_name, event) => {
        const whole = codec.encode(event);
        for (let cut = 1; cut < whole.length; cut++) {
          const err = thrownBy(() => codec.decode(whole.subarray(0, cut)));
          expect(err).toBeInstanceOf(DecodeError);
          expect(['TRUNCATED', 'INVALID_AVRO']).toContain((err as DecodeError).reason);
        }
      },
    );

    it('given trailing bytes after a valid value, then TRAILING_BYTES', () => {
      const err = decodeFailure(Buffer.concat([valid, Buffer.from([0x00, 0x01])]));
      expect(err).toMatchObject({ reason: 'TRAILING_BYTES', schemaId: 1 });
    });

    it('given a declaration whose goods block count is 2 000 000 000 in a few bytes, then it is rejected without decoding', () => {
      const bomb = declarationWithGoodsBytes(
        Buffer.concat([varint(2_000_000_000), Buffer.alloc(8)]),
      );
      expect(bomb.length).toBeLessThan(200);
      expect(['INVALID_AVRO', 'TRUNCATED']).toContain(decodeFailure(bomb).reason);
    });

    it('given a negative goods block count (with a block size) of -2 000 000 000, then it is rejected', () => {
      const bomb = declarationWithGoodsBytes(
        Buffer.concat([varint(-2_000_000_000), varint(4), Buffer.alloc(4)]),
      );
      expect(['INVALID_AVRO', 'TRUNCATED']).toContain(decodeFailure(bomb).reason);
    });

    it('given a string whose length prefix claims 2^50 bytes, then TRUNCATED', () => {
      const err = decodeFailure(frame(1, Buffer.concat([varint(2 ** 50), Buffer.from('ua-1')])));
      expect(err.reason).toBe('TRUNCATED');
    });

    it('given a negative string length, then INVALID_AVRO', () => {
      expect(decodeFailure(frame(1, Buffer.concat([varint(-5), Buffer.alloc(40)]))).reason).toBe(
        'INVALID_AVRO',
      );
    });

    it('given a message over the size limit, then TOO_LARGE before anything else is read', () => {
      const small = AvroCodec.load(undefined, { maxMessageBytes: 64 });
      const err = thrownBy(() => small.decode(codec.encode(FIXTURES.customsDeclaration)));
      expect(err).toMatchObject({ reason: 'TOO_LARGE' });
    });

    it('given a country the schema allows but the domain does not (OTHER), then UNSUPPORTED_VALUE names the field', () => {
      const plain = Type.forSchema(catalog.find((e) => e.id === 1)!.schema, { wrapUnions: false });
      const buf = frame(1, plain.toBuffer({ ...FIXTURES.plateRead.data, country: 'OTHER' }));
      const err = decodeFailure(buf);
      expect(err).toMatchObject({ reason: 'UNSUPPORTED_VALUE', schemaId: 1 });
      expect(err.message).toContain('country = OTHER');
    });

    it('given an enum index outside the symbols, then INVALID_AVRO', () => {
      const plain = Type.forSchema(catalog.find((e) => e.id === 2)!.schema, { wrapUnions: false });
      const body = plain.toBuffer(FIXTURES.cameraHeartbeat.data);
      // CameraHeartbeat: eventId string, then the country enum index.
      const eventIdBytes = 1 + Buffer.byteLength(FIXTURES.cameraHeartbeat.data.eventId);
      body[eventIdBytes] = varint(7)[0]!;
      expect(decodeFailure(frame(2, body)).reason).toBe('INVALID_AVRO');
    });
  });

  describe('encode validation', () => {
    it('given a fractional captureTime, then EncodeError names captureTime', () => {
      const event = {
        type: 'PlateRead' as const,
        data: { ...FIXTURES.plateRead.data, captureTime: 1.5 },
      };
      const err = thrownBy(() => codec.encode(event));
      expect(err).toBeInstanceOf(EncodeError);
      expect(err).toMatchObject({
        eventType: 'PlateRead',
        paths: ['captureTime'],
        retriable: false,
      });
      expect((err as Error).message).toContain('captureTime = 1.5');
    });

    it('given a missing plateText, then EncodeError names plateText', () => {
      const { plateText: _dropped, ...data } = FIXTURES.plateRead.data;
      const err = thrownBy(() =>
        codec.encode({ type: 'PlateRead', data } as unknown as Parameters<typeof codec.encode>[0]),
      );
      expect(err).toMatchObject({ paths: ['plateText'] });
    });

    it('given a bad nested goods line and a NaN release time, then both paths are named', () => {
      const data = FIXTURES.customsDeclaration.data;
      const goods = [data.goods[0]!, { ...data.goods[1]!, hsCode: 1511 as unknown as string }];
      const err = thrownBy(() =>
        codec.encode({
          type: 'CustomsDeclaration',
          data: { ...data, goods, releasedAt: Number.NaN },
        }),
      );
      expect(err).toMatchObject({ paths: ['goods.1.hsCode', 'releasedAt'] });
    });

    it('given a timestamp beyond the safe integer range, then EncodeError', () => {
      const data = { ...FIXTURES.feedStale.data, decidedAt: 2 ** 60 };
      expect(thrownBy(() => codec.encode({ type: 'FeedStale', data }))).toMatchObject({
        paths: ['decidedAt'],
      });
    });

    it('given an unknown event type, then EncodeError', () => {
      const event = { type: 'Nope', data: {} } as unknown as Parameters<typeof codec.encode>[0];
      expect(thrownBy(() => codec.encode(event))).toBeInstanceOf(EncodeError);
    });
  });
});

/** A CustomsDeclaration frame with the given bytes where the goods array goes, and valid fields after it. */
function declarationWithGoodsBytes(goods: Buffer): Buffer {
  const entry = catalog.find((e) => e.name === 'uamd.exchange.CustomsDeclaration')!;
  const type = Type.forSchema(entry.schema, { wrapUnions: false }) as unknown as {
    fields: { name: string; type: Type }[];
  };
  const data = FIXTURES.customsDeclarationBare.data as unknown as Record<string, unknown>;
  const parts = type.fields.map((field) =>
    field.name === 'goods' ? goods : field.type.toBuffer(data[field.name]),
  );
  return frame(entry.id, Buffer.concat(parts));
}
