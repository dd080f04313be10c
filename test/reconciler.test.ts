import { plateRead, sideHeartbeats, T0 } from '../libs/domain/src/testing/event-builders';
import { ReconcilerStateStore } from '@uamd/state-store';
import { ExchangeHarness } from './support/exchange-harness';
import { waitFor } from './support/wait-for';

describe('reconciler on the real broker and Redis', () => {
  let h: ExchangeHarness;

  afterEach(async () => {
    await h.close();
  });

  it('matches a UA exit and an MD entry at Mohyliv-Podilskyi–Otaci into one crossing naming both events', async () => {
    h = await ExchangeHarness.create('match');
    await h.startReconciler();
    const exit = plateRead('UA', 'EXIT', 'AA1234BC', 0);
    const entry = plateRead('MD', 'ENTRY', 'AA1234BC', 25);
    await h.publishAndVouch(26, exit, entry);
    const [crossing] = await waitFor(() => h.matched().length > 0 && h.matched(), 'a crossing');
    expect(crossing).toMatchObject({
      exitEventId: exit.data.eventId,
      entryEventId: entry.data.eventId,
      crossingPoint: 'mohyliv-podilskyi-otaci',
    });
    expect(h.outputs.find((o) => o.event.type === 'CrossingMatched')!.record.partition).toBe(1);
  });

  it('matches a plate read in Cyrillic on one side and Latin on the other, and not an entry without exit', async () => {
    h = await ExchangeHarness.create('scripts');
    const runtime = await h.startReconciler();
    await h.publishAndVouch(
      14,
      plateRead('UA', 'EXIT', 'ВН 7777 АК', 0),
      plateRead('MD', 'ENTRY', 'BH7777AK', 12),
      plateRead('MD', 'ENTRY', 'ORPHAN1', 13),
    );
    await h.drained(runtime);
    await waitFor(() => h.matched().length >= 1, 'the Cyrillic/Latin crossing');
    expect(h.matched().map((m) => [m.exitPlateText, m.entryPlateText])).toEqual([
      ['ВН 7777 АК', 'BH7777AK'],
    ]);
  });

  it('gives one crossing when the same pair is delivered twice', async () => {
    h = await ExchangeHarness.create('twice');
    const runtime = await h.startReconciler();
    const exit = plateRead('UA', 'EXIT', 'KA0001KA', 0);
    const entry = plateRead('MD', 'ENTRY', 'KA0001KA', 8);
    await h.publishAndVouch(9, exit, entry);
    await h.publishAndVouch(9, exit, entry);
    await h.drained(runtime);
    await waitFor(() => h.matched().length >= 1, 'the crossing');
    await h.drained(runtime);
    expect(h.matched()).toHaveLength(1);
  });

  it('still matches when the reconciler restarts between the two events', async () => {
    h = await ExchangeHarness.create('restart');
    const first = await h.startReconciler();
    const exit = plateRead('UA', 'EXIT', 'CE4321HH', 0);
    await h.publishAndVouch(1, exit);
    await h.drained(first);
    await first.stop();
    const second = await h.startReconciler();
    const entry = plateRead('MD', 'ENTRY', 'CE4321HH', 30);
    await h.publishAndVouch(31, entry);
    await h.drained(second);
    const [crossing] = await waitFor(
      () => h.matched().length > 0 && h.matched(),
      'the crossing after restart',
    );
    expect(crossing).toMatchObject({
      exitEventId: exit.data.eventId,
      entryEventId: entry.data.eventId,
    });
  });

  it('republishes the same crossing id when killed between the Redis write and the publish, and loses nothing', async () => {
    h = await ExchangeHarness.create('kill');
    const doomed = await h.startReconciler({ faults: { crashAfterCommit: true } });
    const exit = plateRead('UA', 'EXIT', 'AI9999OO', 0);
    const entry = plateRead('MD', 'ENTRY', 'AI9999OO', 3);
    await h.publishAndVouch(4, exit, entry);
    await waitFor(() => doomed.isCrashed, 'the injected crash');
    await doomed.stop();
    expect(h.matched()).toHaveLength(0);
    const outbox = await new ReconcilerStateStore(h.redis, h.namespace).peekOutbox(1);
    expect(outbox.flatMap((b) => b.entries.map((e) => e.id))).toHaveLength(1);

    const survivor = await h.startReconciler();
    const [crossing] = await waitFor(
      () => h.matched().length > 0 && h.matched(),
      'the republished crossing',
    );
    expect(crossing!.crossingId).toBe(outbox[0]!.entries[0]!.id);
    expect(survivor.stats.republished).toBe(1);
    const next = [
      plateRead('UA', 'EXIT', 'AI1000OO', 10),
      plateRead('MD', 'ENTRY', 'AI1000OO', 14),
    ];
    await h.publishAndVouch(15, ...next);
    await waitFor(() => h.matched().length >= 2, 'the next crossing');
    expect(h.matched().map((m) => m.entryEventId)).toEqual([
      entry.data.eventId,
      next[1]!.data.eventId,
    ]);
  });

  it('dead-letters garbage with its origin and reason, carries on, and matches the next valid pair', async () => {
    h = await ExchangeHarness.create('garbage');
    const runtime = await h.startReconciler();
    const topic = h.topics.plateReads.UA;
    // Garbage delivered at the start of the traffic (its timestamp places it in the merge).
    const post = 'mohyliv-podilskyi-otaci';
    await h.publishRaw(topic, 1, post, Buffer.from('not avro at all'), T0);
    await h.publishRaw(topic, 1, post, Buffer.from([0, 0, 0, 3, 231, 1, 2]), T0);
    // A CustomsDeclaration whose goods array claims about two billion items in five bytes.
    await h.publishRaw(topic, 1, post, absurdDeclaration(), T0);
    await h.publishAndVouch(
      7,
      plateRead('UA', 'EXIT', 'PP1111PP', 0),
      plateRead('MD', 'ENTRY', 'PP1111PP', 6),
    );
    await h.drained(runtime);
    await waitFor(
      () => h.deadLetters.length >= 3 && h.matched().length >= 1,
      'dead letters and the next crossing',
    );
    expect(h.deadLetters.map((d) => d.headers['dlq.original.topic'])).toEqual([
      topic,
      topic,
      topic,
    ]);
    expect(h.deadLetters.map((d) => d.headers['dlq.original.offset'])).toEqual(['0', '1', '2']);
    expect(h.deadLetters[0]!.headers['dlq.reason']).toBe('BAD_MAGIC');
    expect(h.deadLetters[1]!.headers['dlq.reason']).toBe('UNKNOWN_SCHEMA_ID');
    expect(h.deadLetters[2]!.headers['dlq.reason']).toMatch(/INVALID_AVRO|TRUNCATED/);
    expect(h.matched()[0]!.plate).toBe('PP1111PP');
  });

  it('gives no crossing for a Moldovan entry forged onto the Ukrainian topic, and dead-letters it as WRONG_TOPIC', async () => {
    h = await ExchangeHarness.create('forged');
    const runtime = await h.startReconciler();
    const post = 'mohyliv-podilskyi-otaci';
    const exit = plateRead('UA', 'EXIT', 'FF1234FF', 0);
    const forged = plateRead('MD', 'ENTRY', 'FF1234FF', 9);
    await h.publish(exit);
    // Well-formed, decodable, keyed and partitioned right: only its topic is wrong.
    await h.publishRaw(h.topics.plateReads.UA, 1, post, h.codec.encode(forged), T0 + 9 * 60_000);
    // A genuine pair after it: once its crossing is out, a forged crossing would be out too.
    await h.publishAndVouch(
      12,
      plateRead('UA', 'EXIT', 'GG1234GG', 10),
      plateRead('MD', 'ENTRY', 'GG1234GG', 11),
    );
    await h.drained(runtime);
    await waitFor(() => h.matched().length > 0, 'the genuine crossing');
    const [dead] = await waitFor(() => h.deadLetters.length > 0 && h.deadLetters, 'a dead letter');
    expect(dead!.headers).toMatchObject({
      'dlq.reason': 'WRONG_TOPIC',
      'dlq.original.topic': h.topics.plateReads.UA,
      'dlq.original.partition': '1',
      'dlq.original.offset': '1',
      'dlq.detail': `a PlateRead of MD on ${h.topics.plateReads.UA}: it belongs on ${h.topics.plateReads.MD}`,
    });
    expect(h.matched().map((m) => m.plate)).toEqual(['GG1234GG']);
  });

  it('with two instances in one group, gives each the same partition numbers of every input topic and matches each crossing once', async () => {
    h = await ExchangeHarness.create('pair');
    const a = await h.startReconciler();
    const b = await h.startReconciler();
    const posts = ['mamalyha-criva', 'mohyliv-podilskyi-otaci', 'maiaki-udobne-palanca'];
    const events = posts.flatMap((crossingPoint, i) => [
      plateRead('UA', 'EXIT', `AA${i}00${i}AA`, 0, { crossingPoint }),
      plateRead('MD', 'ENTRY', `AA${i}00${i}AA`, 9, { crossingPoint }),
      plateRead('MD', 'EXIT', `ABC${i}2${i}`, 1, { crossingPoint }),
      plateRead('UA', 'ENTRY', `ABC${i}2${i}`, 11, { crossingPoint }),
    ]);
    await h.publishAndVouch(12, ...events);
    // Six distinct crossings: a rebalance may also republish one (same id), which must not count twice.
    await waitFor(
      () => new Set(h.matched().map((m) => m.crossingId)).size >= 6,
      'six distinct crossings',
    );
    const numbers = (r: typeof a) => [...new Set(r.assignment.map((x) => x.partition))].sort();
    // Both members hold a share once the group has settled: together all three numbers, no overlap.
    await waitFor(
      () =>
        numbers(a).length > 0 &&
        numbers(b).length > 0 &&
        numbers(a).length + numbers(b).length === 3,
      'the group to settle on two members',
    );
    expect(numbers(a).filter((p) => numbers(b).includes(p))).toEqual([]);
    for (const runtime of [a, b]) {
      for (const p of numbers(runtime)) {
        // Partition p of every input topic, both countries', goes to the same instance.
        expect(
          runtime.assignment
            .filter((x) => x.partition === p)
            .map((x) => x.topic)
            .sort(),
        ).toEqual(
          [
            h.topics.declarations.MD,
            h.topics.declarations.UA,
            h.topics.plateReads.MD,
            h.topics.plateReads.UA,
          ].sort(),
        );
      }
    }
    // One decision per crossing. A partition moving between members may republish an outbox
    // batch its previous owner had sent but not yet cleared: the same record, same id (docs/design.md §4).
    const decisions = new Map<string, string>();
    for (const m of h.matched()) {
      const record = JSON.stringify(m);
      expect(decisions.get(m.crossingId) ?? record).toBe(record);
      decisions.set(m.crossingId, record);
    }
    expect(decisions.size).toBe(6);
    expect(new Set(h.matched().map((m) => `${m.exitEventId}|${m.entryEventId}`)).size).toBe(6);
  });

  it('rebuilds a wiped Redis from the topics to the same crossings', async () => {
    h = await ExchangeHarness.create('rebuild');
    const first = await h.startReconciler();
    const events = ['AA0101AA', 'BB0202BB', 'ABC123', 'KM5555XT'].flatMap((plate, i) => [
      plateRead('UA', 'EXIT', plate, i * 10),
      plateRead('MD', 'ENTRY', plate, i * 10 + 7),
    ]);
    await h.publish(
      ...events,
      plateRead('UA', 'EXIT', 'STILL01', 50),
      ...sideHeartbeats('UA', 60),
      ...sideHeartbeats('MD', 60),
    );
    await h.drained(first);
    await waitFor(() => h.matched().length >= 4, 'four crossings');
    await first.stop();
    const before = h
      .matched()
      .map((m) => m.crossingId)
      .sort();
    const pendingBefore = await h.redis.hkeys(`${h.namespace}:{p1}:pending`);
    const camerasBefore = await h.redis.hgetall(`${h.namespace}:{p1}:cameras`);

    const keys = await h.redis.keys(`${h.namespace}:*`);
    await h.redis.del(...keys);
    h.outputs.length = 0;
    const second = await h.startReconciler();
    await h.drained(second);
    await waitFor(() => h.matched().length >= 4, 'the rebuilt crossings');
    await second.stop();
    expect(
      h
        .matched()
        .map((m) => m.crossingId)
        .sort(),
    ).toEqual(before);
    expect(await h.redis.hkeys(`${h.namespace}:{p1}:pending`)).toEqual(pendingBefore);
    expect(await h.redis.hgetall(`${h.namespace}:{p1}:cameras`)).toEqual(camerasBefore);
  });
});

/** Avro by hand: zig-zag varints and length-prefixed strings, so the bytes say exactly what we mean. */
function varint(n: number): number[] {
  let z = BigInt(n) >= 0n ? BigInt(n) * 2n : -BigInt(n) * 2n - 1n;
  const bytes: number[] = [];
  do {
    let b = Number(z & 0x7fn);
    z >>= 7n;
    if (z > 0n) b |= 0x80;
    bytes.push(b);
  } while (z > 0n);
  return bytes;
}

function absurdDeclaration(): Buffer {
  const str = (s: string) => [...varint(Buffer.byteLength(s)), ...Buffer.from(s)];
  const body = [
    ...str('evil-1'),
    0,
    ...str('mohyliv-podilskyi-otaci'),
    0,
    ...str('24UA500000AB1234J0'),
    ...str('AA1234BC'),
    0,
    ...varint(2_000_000_000),
  ];
  return Buffer.from([0, 0, 0, 0, 3, ...body]);
}
