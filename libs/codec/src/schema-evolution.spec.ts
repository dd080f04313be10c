import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Schema } from 'avsc';
import { AvroCodec } from './avro-codec';
import { FIXTURES, thrownBy } from './codec.fixtures';
import { createAvroType } from './avro-type.factory';
import { findSchemasDir } from './schema-catalog';

type JsonSchema = {
  type: 'record';
  name: string;
  fields: { name: string; type: Schema; default?: unknown }[];
};

const v1Schema = JSON.parse(
  readFileSync(join(findSchemasDir(), 'PlateRead.v1.avsc'), 'utf8'),
) as JsonSchema;
/** A compatible v2: one added optional field with a default, as a real evolution would add it. */
const v2Schema: JsonSchema = {
  ...v1Schema,
  fields: [...v1Schema.fields, { name: 'laneName', type: ['null', 'string'], default: null }],
};

describe('schema evolution (PlateRead v1 ↔ v2)', () => {
  const v1 = createAvroType(v1Schema);
  const v2 = createAvroType(v2Schema);

  it('given v1-written data, when read with v2, then the added field takes its default', () => {
    const read: unknown = v2.fromBuffer(
      v1.toBuffer(FIXTURES.plateRead.data),
      v2.createResolver(v1),
    );
    expect(read).toEqual({ ...FIXTURES.plateRead.data, laneName: null });
  });

  it('given v2-written data, when read with v1, then the added field is skipped', () => {
    const written = v2.toBuffer({ ...FIXTURES.plateRead.data, laneName: 'Вантажна смуга 2' });
    expect(v1.fromBuffer(written, v1.createResolver(v2))).toEqual(FIXTURES.plateRead.data);
  });

  it('given a v2 that adds a field without a default, then v1 data cannot be resolved', () => {
    const breaking = createAvroType({
      ...v1Schema,
      fields: [...v1Schema.fields, { name: 'laneName', type: 'string' }],
    });
    expect(() => breaking.createResolver(v1)).toThrow();
  });

  describe('codec over a catalog holding both versions', () => {
    let dir: string;
    let codec: AvroCodec;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'uamd-evolution-'));
      writeFileSync(join(dir, 'PlateRead.v1.avsc'), JSON.stringify(v1Schema));
      writeFileSync(join(dir, 'PlateRead.v2.avsc'), JSON.stringify(v2Schema));
      writeFileSync(
        join(dir, 'catalog.json'),
        JSON.stringify({
          compatibility: { 'uamd.exchange.PlateRead': 'FULL_TRANSITIVE' },
          schemas: [
            { id: 1, name: 'uamd.exchange.PlateRead', version: 1, file: 'PlateRead.v1.avsc' },
            { id: 11, name: 'uamd.exchange.PlateRead', version: 2, file: 'PlateRead.v2.avsc' },
          ],
        }),
      );
      codec = AvroCodec.load(dir);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('given a message framed with the older id 1, when decoded, then it is read through the resolver into v2', () => {
      const fromV1Producer = AvroCodec.load().encode(FIXTURES.plateRead);
      expect(fromV1Producer.readUInt32BE(1)).toBe(1);
      const { schemaId, event } = codec.decode(fromV1Producer);
      expect(schemaId).toBe(1);
      expect(event).toEqual({
        type: 'PlateRead',
        data: { ...FIXTURES.plateRead.data, laneName: null },
      });
    });

    it('given an event, when encoded, then the newest id (11) is written and it round-trips', () => {
      const buf = codec.encode(FIXTURES.plateRead);
      expect(buf.readUInt32BE(1)).toBe(11);
      expect(codec.decode(buf).event.data).toEqual({ ...FIXTURES.plateRead.data, laneName: null });
    });

    it('given a v2 message, when decoded by a codec that only knows v1, then UNKNOWN_SCHEMA_ID (the writer schema is needed)', () => {
      expect(
        thrownBy(() => AvroCodec.load().decode(codec.encode(FIXTURES.plateRead))),
      ).toMatchObject({
        reason: 'UNKNOWN_SCHEMA_ID',
        schemaId: 11,
      });
    });

    it('given an old message truncated, then the guard checks it against the writer schema (TRUNCATED)', () => {
      const old = AvroCodec.load().encode(FIXTURES.plateRead);
      expect(thrownBy(() => codec.decode(old.subarray(0, old.length - 1)))).toMatchObject({
        reason: 'TRUNCATED',
        schemaId: 1,
      });
    });
  });
});
