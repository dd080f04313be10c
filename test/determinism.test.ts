import { AvroCodec } from '@uamd/codec';
import { outputId, type InputEvent } from '@uamd/domain';
import { reconcileObserved } from '@uamd/evaluation';
import { toOutgoingRecord } from '@uamd/customs-service';
import { KafkaEventProducer, type OutgoingRecord } from '@uamd/messaging';
import { type ReconcilerOptions, type ReconcilerRuntime } from '@uamd/reconciler';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadTraffic,
  trafficPublisher,
  writeGeneratedTraffic,
} from '../apps/cli/src/traffic/traffic-io';
import { scenarioByName } from '@uamd/traffic';
import { ExchangeHarness, PARTITIONS } from './support/exchange-harness';
import { assertReconcilerBuilt, harnessEnv, RECONCILER_MAIN } from './support/reconciler-process';
import { testStackEnv } from './support/stack-env';
import { waitFor } from './support/wait-for';

/**
 * docs/design.md §3–4: the same log gives the same outputs, byte for byte, however it is read. One
 * traffic file, decided offline by the pure decider, then on the real broker and Redis under
 * every disturbance below; every run's complete output set (id → Avro bytes) must equal the
 * offline one, and no id may ever be published with two different contents.
 */
const SCENARIO = process.env.DETERMINISM_SCENARIO ?? 'demo';
const codec = AvroCodec.load();

type OutputSet = Map<string, string>;

let dir: string;
let traffic: ReturnType<typeof loadTraffic>;
let expected: OutputSet;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'uamd-determinism-'));
  const file = join(dir, `${SCENARIO}.avro`);
  writeGeneratedTraffic(file, scenarioByName(SCENARIO), 7, 1, codec);
  traffic = loadTraffic(file, codec);
  expected = new Map(
    reconcileObserved(traffic.events, { partitions: PARTITIONS }).map((o) => [
      outputId(o),
      codec.encode(o).toString('hex'),
    ]),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recordsOf(
  h: ExchangeHarness,
  events: ReadonlyArray<{ deliverAt: number; event: InputEvent }>,
) {
  const target = { encoder: codec, topics: h.topics, partitions: PARTITIONS };
  return events.map(({ event, deliverAt }) =>
    toOutgoingRecord(event, target, deliverAt, Date.now()),
  );
}

async function publishInChunks(h: ExchangeHarness, records: OutgoingRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 5_000)
    await h.publishRecords(records.slice(i, i + 5_000));
}

/** Every output read so far, by id; fails at once on an id seen with two different contents. */
function outputSet(h: ExchangeHarness): OutputSet {
  const set: OutputSet = new Map();
  for (const { event, record } of h.outputs) {
    const id = outputId(event);
    const bytes = record.value!.toString('hex');
    const seen = set.get(id);
    if (seen !== undefined && seen !== bytes)
      throw new Error(`${id} was published twice with different contents`);
    set.set(id, bytes);
  }
  return set;
}

async function settle(h: ExchangeHarness, runtimes: ReconcilerRuntime[]): Promise<OutputSet> {
  await h.drained(...runtimes);
  await waitFor(
    () => outputSet(h).size >= expected.size,
    `${expected.size} distinct outputs`,
    120_000,
  );
  // Whatever arrives after the expected count would be an extra decision: give it a moment.
  await h.outputsCaughtUp();
  return outputSet(h);
}

function expectSameAsOffline(actual: OutputSet, run: string): void {
  const missing = [...expected.keys()].filter((id) => !actual.has(id));
  const extra = [...actual.keys()].filter((id) => !expected.has(id));
  const differing = [...expected].filter(
    ([id, bytes]) => actual.has(id) && actual.get(id) !== bytes,
  );
  expect({ run, missing, extra, differing: differing.map(([id]) => id) }).toEqual({
    run,
    missing: [],
    extra: [],
    differing: [],
  });
  console.log(
    `[determinism] ${run}: ${actual.size} outputs compared byte for byte with the offline decider`,
  );
}

type ReconcilerProcess = ChildProcess & { output: string; exited: Promise<void> };

/** The reconciler app as its own process on the harness's topics and Redis namespace (own group: a dead member never delays the next). */
function startReconcilerProcess(h: ExchangeHarness, k: number): ReconcilerProcess {
  const { brokers, redisUrl } = testStackEnv();
  const child = spawn(process.execPath, [RECONCILER_MAIN], {
    env: {
      ...process.env,
      KAFKA_BROKERS: brokers.join(','),
      REDIS_URL: redisUrl,
      ...harnessEnv(h),
      GROUP_ID: `${h.groupId}-${k}`,
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ReconcilerProcess;
  child.output = '';
  child.stdout!.on('data', (d: Buffer) => (child.output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (child.output += d.toString()));
  child.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  return child;
}

/** Fresh topics, Redis namespace and output reader for one run, closed whatever happens. */
async function withHarness<T>(name: string, run: (h: ExchangeHarness) => Promise<T>): Promise<T> {
  const h = await ExchangeHarness.create(name);
  try {
    return await run(h);
  } finally {
    await h.close();
  }
}

function plainRun(name: string, options: Partial<ReconcilerOptions>): Promise<OutputSet> {
  return withHarness(name, async (h) => {
    await publishInChunks(h, recordsOf(h, traffic.events));
    return settle(h, [await h.startReconciler(options)]);
  });
}

describe(`the same log gives the same outputs (${SCENARIO} at target noise)`, () => {
  it('the offline decider decides something of every kind', () => {
    const kinds = new Set([...expected.keys()].map((id) => id.split(':')[0]));
    expect(expected.size).toBeGreaterThan(100);
    expect(kinds.size).toBeGreaterThanOrEqual(2);
  });

  it.each([1, 7, 1_000])('consumer batches capped at %i records', async (cap) => {
    expectSameAsOffline(
      await plainRun(`det-cap${cap}`, { maxBatchRecords: cap }),
      `batches of ${cap}`,
    );
  });

  it('replayed at ×600, paced like a live exchange', async () => {
    await withHarness('det-x600', async (h) => {
      const producer = await KafkaEventProducer.connect(h.kafka);
      try {
        const runtime = await h.startReconciler();
        const publisher = trafficPublisher(traffic, {
          producer,
          codec,
          topics: h.topics,
          partitions: PARTITIONS,
          speed: 600,
        });
        publisher.start();
        await publisher.done;
        expectSameAsOffline(await settle(h, [runtime]), 'replayed at ×600');
      } finally {
        await producer.disconnect();
      }
    });
  });

  it('one input topic held back for seconds while the others run ahead (small aligner buffer)', async () => {
    await withHarness('det-held', async (h) => {
      const runtime = await h.startReconciler({ alignerCap: 500 });
      const records = recordsOf(h, traffic.events);
      const held = h.topics.declarations.MD;
      await publishInChunks(
        h,
        records.filter((r) => r.topic !== held),
      );
      await waitFor(
        () => runtime.alignment().waitingOn.some((t) => t.startsWith(held)),
        'the merge to wait on the held topic',
      );
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const waiting = runtime.alignment();
      console.log(
        `[determinism] held back ${held}: ${waiting.buffered} records buffered meanwhile`,
      );
      expect(waiting.buffered).toBeLessThanOrEqual(500 * 4 * PARTITIONS + 5_000 * 4);
      await publishInChunks(
        h,
        records.filter((r) => r.topic === held),
      );
      expectSameAsOffline(await settle(h, [runtime]), 'one topic held back');
    });
  });

  it('Redis emptied under the running reconciler mid-drain', async () => {
    await withHarness('det-flush', async (h) => {
      const runtime = await h.startReconciler({ maxBatchRecords: 200 });
      await publishInChunks(h, recordsOf(h, traffic.events));
      await waitFor(() => h.outputs.length > expected.size / 4, 'a quarter of the outputs');
      const keys = await h.redis.keys(`${h.namespace}:*`);
      await h.redis.del(...keys);
      await waitFor(() => runtime.stats.reclaims > 0, 'the reconciler to notice and re-claim');
      expectSameAsOffline(await settle(h, [runtime]), 'Redis emptied mid-drain');
    });
  });

  it('crashes between the Redis write and the publish, at several points, each followed by a restart', async () => {
    await withHarness('det-crash', async (h) => {
      await publishInChunks(h, recordsOf(h, traffic.events));
      for (const at of [1, 3, 8, 20, 50]) {
        const doomed = await h.startReconciler({
          maxBatchRecords: 100,
          faults: { crashAfterCommit: at },
        });
        await waitFor(async () => doomed.isCrashed || (await h.isDrained(doomed)), `crash ${at}`);
        await doomed.stop();
      }
      const survivor = await h.startReconciler();
      expectSameAsOffline(await settle(h, [survivor]), '5 crashes and restarts');
    });
  });

  it('10 reconciler processes killed with SIGKILL at random moments while the traffic arrives', async () => {
    assertReconcilerBuilt();
    await withHarness('det-kill9', async (h) => {
      const children: ChildProcess[] = [];
      try {
        const records = recordsOf(h, traffic.events);
        const tenth = Math.ceil(records.length / 10);
        const delays: number[] = [];
        for (let k = 0; k < 10; k++) {
          await publishInChunks(h, records.slice(k * tenth, (k + 1) * tenth));
          const child = startReconcilerProcess(h, k);
          children.push(child);
          await waitFor(
            () => child.output.includes('assignment 1'),
            `process ${k} to join its group`,
          );
          const delay = 50 + Math.floor(Math.random() * 1_000);
          delays.push(delay);
          await new Promise((resolve) => setTimeout(resolve, delay));
          child.kill('SIGKILL');
          await child.exited;
        }
        console.log(`[determinism] SIGKILL after ${delays.join(', ')} ms of each process's work`);
        const survivor = await h.startReconciler();
        expectSameAsOffline(await settle(h, [survivor]), '10 processes killed with SIGKILL');
      } finally {
        for (const child of children)
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    });
  });

  it('two instances with a rebalance mid-drain', async () => {
    await withHarness('det-pair', async (h) => {
      const a = await h.startReconciler({ maxBatchRecords: 300 });
      await publishInChunks(h, recordsOf(h, traffic.events));
      await waitFor(() => h.outputs.length > expected.size / 3, 'a third of the outputs');
      const b = await h.startReconciler({ maxBatchRecords: 300 });
      expectSameAsOffline(await settle(h, [a, b]), 'two instances, rebalanced');
    });
  });
});
