import fc from 'fast-check';
import { type PlateRead } from '@uamd/domain';
import { AvroCodec } from './avro-codec';
import { ALL_FIXTURES } from './codec.fixtures';
import { DecodeError } from './decode-error';
import { loadCatalog } from './schema-catalog';

const codec = AvroCodec.load();
const schemaIds = loadCatalog().map((entry) => entry.id);

const text = fc.string({ unit: 'binary', maxLength: 40 });
const plateRead: fc.Arbitrary<PlateRead> = fc.record({
  eventId: text,
  country: fc.constantFrom('UA' as const, 'MD' as const),
  crossingPoint: text,
  laneId: text,
  cameraId: text,
  sequence: fc.maxSafeInteger(),
  direction: fc.constantFrom('ENTRY' as const, 'EXIT' as const),
  plateText: text,
  plateNationality: fc.option(text, { nil: null }),
  // Avro float is 32-bit: only values that survive Math.fround can round-trip.
  ocrConfidence: fc.double({ min: 0, max: 1, noNaN: true }).map(Math.fround),
  captureTime: fc.maxSafeInteger(),
  vehicleCategory: fc.constantFrom(
    'CAR' as const,
    'BUS' as const,
    'TRUCK' as const,
    'VAN' as const,
    'MOTORCYCLE' as const,
    'UNKNOWN' as const,
  ),
});

/** Decoding must either succeed or fail with a DecodeError: any other throw would skip the dead-letter path. */
function decodesOrRejects(buf: Buffer): void {
  try {
    codec.decode(buf);
  } catch (err) {
    if (!(err instanceof DecodeError)) throw err;
  }
}

describe('AvroCodec properties', () => {
  it('given arbitrary valid PlateReads, when encoded and decoded, then they deep-equal the input', () => {
    fc.assert(
      fc.property(plateRead, (data) => {
        const event = { type: 'PlateRead' as const, data };
        expect(codec.decode(codec.encode(event)).event).toEqual(event);
      }),
      { numRuns: 200 },
    );
  });

  it('given arbitrary bytes after a valid header of each schema id, then decode returns or throws a DecodeError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...schemaIds), fc.uint8Array({ maxLength: 300 }), (id, body) => {
        const header = Buffer.alloc(5);
        header.writeUInt32BE(id, 1);
        expect(() => decodesOrRejects(Buffer.concat([header, body]))).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });

  it('given valid messages with arbitrary bytes overwritten, then decode returns or throws a DecodeError', () => {
    const messages = ALL_FIXTURES.map(([, event]) => codec.encode(event));
    fc.assert(
      fc.property(
        fc.constantFrom(...messages),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (message, edits) => {
          const buf = Buffer.from(message);
          for (const [at, byte] of edits) buf[5 + (at % (buf.length - 5))] = byte;
          expect(() => decodesOrRejects(buf)).not.toThrow();
        },
      ),
      { numRuns: 2000 },
    );
  });
});
