import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AvroCodec,
  type CatalogEntry,
  createAvroType,
  DecodeError,
  loadCatalog,
  SchemaRegistryRefusedError,
  SchemaRegistrySource,
} from '@uamd/codec';
import { eventTimeOf, partitionFor } from '@uamd/domain';
import { startSchemaRegistry, type LocalSchemaRegistry } from '@uamd/local-stack';
import { allTopics, topicNames } from '@uamd/messaging';
import { scenarioByName } from '@uamd/traffic';
import { loadTraffic, writeGeneratedTraffic } from '../apps/cli/src/traffic/traffic-io';
import { plateReadSchemaWith } from '../libs/codec/src/codec.fixtures';
import { plateRead } from '../libs/domain/src/testing/event-builders';
import { startCustomsService } from '@uamd/customs-service';
import { customsConfig } from './support/customs-config';
import { ExchangeHarness, PARTITIONS } from './support/exchange-harness';
import {
  harnessEnv,
  type ReconcilerProcess,
  startApp,
  waitForAssignment,
  waitForHealth,
} from './support/reconciler-process';
import { testStackEnv } from './support/stack-env';
import { type CliRun, runUamd } from './support/uamd-cli';
import { uniqueName, waitFor } from './support/wait-for';
import { testKafka } from './support/test-kafka';

/** A real Confluent-compatible registry: Apicurio from `npm run setup -- --tests`, or one already running. */
let registry: LocalSchemaRegistry | undefined;
let url: string;

beforeAll(async () => {
  const external = process.env.SCHEMA_REGISTRY_TEST_URL;
  if (external) url = external;
  else {
    registry = await startSchemaRegistry();
    url = registry.url;
  }
}, 120_000);

afterAll(async () => {
  await registry?.stop();
});

const catalog = loadCatalog();
const plateReadV1 = catalog.find((e) => e.name === 'uamd.exchange.PlateRead')!;

/** PlateRead v2 as a partner might write it: v1 plus an optional field with a default. */
function plateReadV2(extra: object): CatalogEntry {
  const schema = plateReadSchemaWith((fields) => [...fields, extra]);
  return { ...plateReadV1, id: 9_001, version: 2, file: 'PlateRead.v2.avsc', schema };
}

function framed(id: number, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(id, 1);
  return Buffer.concat([header, body]);
}

async function subjectConfig(subject: string): Promise<string> {
  const response = await fetch(`${url}/config/${encodeURIComponent(subject)}`);
  return ((await response.json()) as { compatibilityLevel: string }).compatibilityLevel;
}

describe('the codec beside a real schema registry (SCHEMA_REGISTRY_URL)', () => {
  it('registers every record under its name in its catalog mode and frames messages with the registry ids', async () => {
    const codec = await AvroCodec.withRegistry(new SchemaRegistrySource(url));
    const subjects = (await (await fetch(`${url}/subjects`)).json()) as string[];
    const records = [...new Set(catalog.map((e) => e.name))].sort();
    expect(subjects.filter((s) => s.startsWith('uamd.')).sort()).toEqual(records);
    for (const entry of catalog) {
      expect(await subjectConfig(entry.name)).toBe(entry.compatibility);
    }

    const latest = (await (
      await fetch(`${url}/subjects/uamd.exchange.PlateRead/versions/latest`)
    ).json()) as { id: number };
    expect(codec.schemaIdFor('PlateRead')).toBe(latest.id);
    const read = plateRead('UA', 'EXIT', 'AA1234BC', 0, { ocrConfidence: 0.5 });
    const bytes = codec.encode(read);
    expect(bytes.readUInt32BE(1)).toBe(latest.id);
    expect(codec.decodeInput(bytes).event).toEqual(read);

    // Idempotent: a second service registering the same catalog gets the same ids.
    const again = await AvroCodec.withRegistry(new SchemaRegistrySource(url));
    expect(again.schemaIdFor('PlateRead')).toBe(latest.id);
    expect(again.schemaIdFor('CrossingMatched')).toBe(codec.schemaIdFor('CrossingMatched'));
  });

  it('is refused by the registry for a field renamed without an alias, in the mode the catalog declares', async () => {
    const source = new SchemaRegistrySource(url);
    await AvroCodec.withRegistry(source);
    const renamed = plateReadSchemaWith((fields) =>
      fields.map((f) => (f.name === 'plateText' ? { ...f, name: 'plate' } : f)),
    );
    const entry: CatalogEntry = { ...plateReadV1, version: 2, schema: renamed };
    const refusal = source.registerCatalog([entry]);
    await expect(refusal).rejects.toBeInstanceOf(SchemaRegistryRefusedError);
    await expect(refusal).rejects.toThrow(
      /refused uamd\.exchange\.PlateRead v2 .* in mode FULL_TRANSITIVE: .*Incompatible/,
    );
  });

  it('reads a newer version a partner registered, and names why an id is refused', async () => {
    const source = new SchemaRegistrySource(url);
    const codec = await AvroCodec.withRegistry(source);
    const v2 = plateReadV2({ name: 'laneName', type: ['null', 'string'], default: null });
    const v2Id = (await source.registerCatalog([v2])).get(v2.id)!;
    const read = plateRead('MD', 'ENTRY', 'AA1234BC', 3, { ocrConfidence: 0.5 });
    const written = framed(
      v2Id,
      createAvroType(v2.schema).toBuffer({ ...read.data, laneName: 'L1' }),
    );

    expect(() => codec.decodeInput(written)).toThrow(DecodeError);
    await codec.learnIds([written]);
    expect(codec.decodeInput(written)).toEqual({ schemaId: v2Id, event: read });

    const foreign = (await (
      await fetch(`${url}/subjects/other.Thing/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({
          schema: JSON.stringify({
            type: 'record',
            name: 'Thing',
            namespace: 'other',
            fields: [{ name: 'a', type: 'int' }],
          }),
        }),
      })
    ).json()) as { id: number };
    const strangers = [framed(foreign.id, Buffer.from([2])), framed(987_654_321, Buffer.from([2]))];
    await codec.learnIds(strangers);
    expect(() => codec.decodeInput(strangers[0]!)).toThrow(
      new RegExp(`unknown schema id ${foreign.id} \\(registry .* has record other\\.Thing`),
    );
    expect(() => codec.decodeInput(strangers[1]!)).toThrow(
      /unknown schema id 987654321 \(not in the catalog nor in registry/,
    );
  });

  it('lets the reconciler match reads framed with registry ids, one of them a newer version, and dead-letter an id the registry lacks', async () => {
    const source = new SchemaRegistrySource(url);
    const codec = await AvroCodec.withRegistry(source);
    const h = await ExchangeHarness.create('registry', codec);
    try {
      await h.startReconciler();
      const v2 = plateReadV2({ name: 'gate', type: ['null', 'string'], default: null });
      const v2Id = (await source.registerCatalog([v2])).get(v2.id)!;
      const exit = plateRead('UA', 'EXIT', 'KA7001KA', 0);
      const entry = plateRead('MD', 'ENTRY', 'KA7001KA', 20);
      const partition = partitionFor(entry.data.crossingPoint, PARTITIONS);
      await h.publishRaw(
        h.topics.plateReads.MD,
        partition,
        entry.data.crossingPoint,
        framed(v2Id, createAvroType(v2.schema).toBuffer({ ...entry.data, gate: 'north' })),
        eventTimeOf(entry),
      );
      await h.publishRaw(
        h.topics.plateReads.UA,
        partition,
        exit.data.crossingPoint,
        framed(987_654_321, Buffer.from([0])),
        eventTimeOf(exit),
      );
      await h.publishAndVouch(21, exit);

      const [crossing] = await waitFor(() => h.matched().length > 0 && h.matched(), 'a crossing');
      expect(crossing).toMatchObject({
        exitEventId: exit.data.eventId,
        entryEventId: entry.data.eventId,
      });
      const output = h.outputs.find((o) => o.event.type === 'CrossingMatched')!;
      expect(output.record.value!.readUInt32BE(1)).toBe(codec.schemaIdFor('CrossingMatched'));
      const [dead] = await waitFor(
        () => h.deadLetters.length > 0 && h.deadLetters,
        'a dead letter',
      );
      expect(dead!.headers).toMatchObject({ 'dlq.reason': 'UNKNOWN_SCHEMA_ID' });
      expect(dead!.headers['dlq.detail']).toMatch(/not in the catalog nor in registry/);
    } finally {
      await h.close();
    }
  });
});

describe('a customs service with schemaRegistryUrl', () => {
  it('publishes an accepted plate read framed with the registry id of PlateRead', async () => {
    const prefix = `${uniqueName('registry-customs')}.`;
    const service = await startCustomsService(
      customsConfig('MD', prefix, { schemaRegistryUrl: url }),
      { quiet: true },
    );
    const kafka = testKafka('registry-customs');
    const consumer = kafka.consumer({
      groupId: uniqueName('registry-customs-reader'),
      maxWaitTimeInMs: 50,
    });
    const values: Buffer[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topicNames(prefix).plateReads.MD], fromBeginning: true });
      await consumer.run({
        eachMessage: ({ message }) => {
          if (message.value) values.push(message.value);
          return Promise.resolve();
        },
      });
      const response = await fetch(`http://127.0.0.1:${service.port}/plate-reads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          crossingPoint: 'mohyliv-podilskyi-otaci',
          direction: 'ENTRY',
          plateText: 'AA1234BC',
          plateNationality: 'UA',
          ocrConfidence: 0.5,
          captureTime: new Date(Date.now() - 60_000).toISOString(),
          vehicleCategory: 'CAR',
        }),
      });
      expect(response.status).toBe(202);
      const codec = await AvroCodec.withRegistry(new SchemaRegistrySource(url));
      const read = await waitFor(
        () => values.find((v) => codec.decodeInput(v).event.type === 'PlateRead'),
        'the plate read on md.plate-reads',
      );
      expect(read.readUInt32BE(1)).toBe(codec.schemaIdFor('PlateRead'));
      expect(codec.decodeInput(read).event.data).toMatchObject({ plateText: 'AA1234BC' });
    } finally {
      await consumer.disconnect();
      await service.close();
    }
  });
});

describe('the CLI with SCHEMA_REGISTRY_URL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uamd-registry-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replays a traffic file framed with the registry ids, records it back with the catalog ids, and checks the live topics through the registry', async () => {
    const catalogCodec = AvroCodec.load();
    const registryCodec = await AvroCodec.withRegistry(new SchemaRegistrySource(url));
    // Otherwise this test could not tell the two framings apart.
    expect(registryCodec.schemaIdFor('PlateRead')).not.toBe(catalogCodec.schemaIdFor('PlateRead'));
    const file = join(dir, 'tiny.avro');
    writeGeneratedTraffic(file, scenarioByName('tiny'), 5, 1, catalogCodec);
    const traffic = loadTraffic(file, catalogCodec);
    const { brokers } = testStackEnv();
    const prefix = `registry-${process.pid}-${Date.now()}.`;
    const env = {
      ...process.env,
      KAFKA_BROKERS: brokers.join(','),
      TOPIC_PREFIX: prefix,
      SCHEMA_REGISTRY_URL: url,
    };
    const replay = await uamd(env, 'replay', file, '--speed', 'max');
    expect(replay.stderr).not.toMatch(/^error/m);
    expect(replay.code).toBe(0);
    const from = String(traffic.events[0]!.deliverAt);
    const to = String(traffic.events[traffic.events.length - 1]!.deliverAt);

    const recordedFile = join(dir, 'recorded.avro');
    const record = await uamd(env, 'record', '--from', from, '--to', to, '--out', recordedFile);
    expect(record.code).toBe(0);
    const recorded = loadTraffic(recordedFile, catalogCodec);
    // The same events, content and all (across partitions Kafka keeps no order).
    const byId = (events: typeof traffic.events) =>
      events.map((e) => e.event).sort((a, b) => a.data.eventId.localeCompare(b.data.eventId));
    expect(byId(recorded.events)).toEqual(byId(traffic.events));

    const checked = await uamd(env, 'conformance', '--from', from, '--to', to, '--json');
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toEqual(
      expect.objectContaining({ verdict: 'pass', records: traffic.events.length }),
    );
    // Without the registry the same topics hold ids that mean other records in the catalog.
    const { SCHEMA_REGISTRY_URL: _unset, ...withoutRegistry } = env;
    const blind = await uamd(withoutRegistry, 'conformance', '--from', from, '--to', to);
    expect(blind.code).toBe(1);
    expect(blind.stdout).toMatch(/^conformance: FAIL \(1 mandatory condition failed: TC-FRAME-1;/m);
    expect(blind.stdout).toMatch(
      /^TC-FRAME-1 Every message is framed and decodes \(mandatory\): \d+ violations$/m,
    );

    const kafka = testKafka('registry-cli-test');
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: allTopics(topicNames(prefix)) }).catch(() => undefined);
    await admin.disconnect();
  });
});

function uamd(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
  return runUamd(env, args);
}

describe('the reconciler app with SCHEMA_REGISTRY_URL', () => {
  const apps: ReconcilerProcess[] = [];
  let own: LocalSchemaRegistry | undefined;
  let h: ExchangeHarness | undefined;
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await h?.close();
    await own?.stop();
  });

  it('reports the registry in /health, and is not ready while the registry is gone', async () => {
    own = await startSchemaRegistry();
    h = await ExchangeHarness.create('registry-app');
    const app = await startApp(apps, { ...harnessEnv(h), SCHEMA_REGISTRY_URL: own.url });
    await waitForAssignment(app);
    const ready = await waitForHealth(app, 200, 'ready');
    expect(ready.body.info).toMatchObject({ schemaRegistry: { status: 'up', url: own.url } });

    await own.stop();
    const down = await waitForHealth(app, 503, 'not ready without its registry');
    expect(down.body.error).toMatchObject({ schemaRegistry: { status: 'down', url: own.url } });
  });
});
