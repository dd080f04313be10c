import { type Schema } from 'avsc';
import { AvroCodec, type CatalogRegistry } from '../avro-codec';
import { createAvroType } from '../avro-type.factory';
import { FIXTURES, frame, plateReadSchemaWith, thrownBy } from '../codec.fixtures';
import { DecodeError } from '../decode-error';
import { type CatalogEntry } from '../schema-catalog';
import { type RegisteredWriter } from './schema-registry.source';

/**
 * The codec's side of a registry, without one: an in-memory registry that numbers schemas from
 * 500 and counts look-ups. The real registry (Apicurio) is in test/schema-registry.test.ts.
 */
class InMemoryRegistry implements CatalogRegistry {
  readonly url = 'memory://registry';
  readonly writers = new Map<number, RegisteredWriter>();
  lookups = 0;
  private next = 500;

  registerCatalog(entries: readonly CatalogEntry[]): Promise<Map<number, number>> {
    return Promise.resolve(new Map(entries.map((e) => [e.id, this.add(e.name, e.schema)])));
  }

  add(name: string, schema: Schema): number {
    const id = this.next++;
    this.writers.set(id, { id, name, type: createAvroType(schema) });
    return id;
  }

  writerFor(id: number): Promise<RegisteredWriter | undefined> {
    this.lookups += 1;
    return Promise.resolve(this.writers.get(id));
  }
}

const plateReadSchema = (extra: object[]): Schema =>
  plateReadSchemaWith((fields) => [...fields, ...extra]);

describe('AvroCodec.withRegistry', () => {
  it("frames with the registry's ids and still reads every event the catalog codec writes", async () => {
    const registry = new InMemoryRegistry();
    const codec = await AvroCodec.withRegistry(registry);
    const catalog = AvroCodec.load();
    const id = codec.schemaIdFor('PlateRead');
    expect(id).toBeGreaterThanOrEqual(500);
    expect(id).not.toBe(catalog.schemaIdFor('PlateRead'));
    const bytes = codec.encode(FIXTURES.plateRead);
    expect(bytes.readUInt32BE(1)).toBe(id);
    // Same Avro body, other id.
    expect(bytes.subarray(5)).toEqual(catalog.encode(FIXTURES.plateRead).subarray(5));
    expect(codec.decodeInput(bytes).event).toEqual(FIXTURES.plateRead);
    expect(codec.registryUrl).toBe('memory://registry');
    expect(catalog.registryUrl).toBeUndefined();
  });

  it('learns a newer version of a known record, and reads it into the newest catalog version', async () => {
    const registry = new InMemoryRegistry();
    const codec = await AvroCodec.withRegistry(registry);
    const v2 = plateReadSchema([{ name: 'gate', type: ['null', 'string'], default: null }]);
    const v2Id = registry.add('uamd.exchange.PlateRead', v2);
    const message = frame(
      v2Id,
      createAvroType(v2).toBuffer({ ...FIXTURES.plateRead.data, gate: 'north' }),
    );
    expect(() => codec.decodeInput(message)).toThrow(/unknown schema id/);
    await codec.learnIds([message, message, null, Buffer.from([1, 2])]);
    expect(registry.lookups).toBe(1);
    expect(codec.decodeInput(message)).toEqual({ schemaId: v2Id, event: FIXTURES.plateRead });
  });

  it('refuses, with why, an id of another record, an unreadable version, and an id the registry lacks; each looked up once', async () => {
    const registry = new InMemoryRegistry();
    const codec = await AvroCodec.withRegistry(registry);
    const foreign = registry.add('other.Thing', {
      type: 'record',
      name: 'Thing',
      namespace: 'other',
      fields: [],
    });
    // plateText written as an int: no reader of a string resolves it.
    const broken = plateReadSchema([]) as { fields: Array<{ name: string; type: unknown }> };
    const retyped = {
      ...broken,
      fields: broken.fields.map((f) => (f.name === 'plateText' ? { ...f, type: 'int' } : f)),
    } as unknown as Schema;
    const unreadable = registry.add('uamd.exchange.PlateRead', retyped);
    const messages = [foreign, unreadable, 4_242].map((id) => frame(id, Buffer.from([0])));
    await codec.learnIds(messages);
    await codec.learnIds(messages);
    expect(registry.lookups).toBe(3);
    const errors = messages.map((m) => thrownBy(() => codec.decodeInput(m)) as DecodeError);
    for (const error of errors) expect(error).toBeInstanceOf(DecodeError);
    expect(errors.map((e) => e.reason)).toEqual(Array(3).fill('UNKNOWN_SCHEMA_ID'));
    const reasons = errors.map((e) => e.message);
    expect(reasons[0]).toMatch(/has record other\.Thing under it, not a record of the exchange/);
    expect(reasons[1]).toMatch(/cannot be read as id \d+/);
    expect(reasons[2]).toMatch(/unknown schema id 4242 \(not in the catalog nor in registry/);
  });

  it('stops looking up after 10,000 refused ids, so random ids cannot grow it without bound', async () => {
    const registry = new InMemoryRegistry();
    const codec = await AvroCodec.withRegistry(registry);
    const strangers = Array.from({ length: 10_050 }, (_, i) =>
      frame(1_000_000 + i, Buffer.from([0])),
    );
    await codec.learnIds(strangers);
    expect(registry.lookups).toBe(10_000);
    await codec.learnIds(strangers);
    expect(registry.lookups).toBe(10_000);
  });

  it('asks nothing without a registry', async () => {
    const codec = AvroCodec.load();
    await expect(codec.learnIds([frame(4_242, Buffer.from([0]))])).resolves.toBeUndefined();
    expect(() => codec.decodeInput(frame(4_242, Buffer.from([0])))).toThrow(
      /unknown schema id 4242 \(known: /,
    );
  });
});
