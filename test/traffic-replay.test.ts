import { AvroCodec, TrafficFileError, writeTrafficFile } from '@uamd/codec';
import { inputTopicFor, inputTopics, readTopicRange, topicNames } from '@uamd/messaging';
import { eventTimeOf } from '@uamd/domain';
import { generateWorld, observeBothSides, scenarioByName } from '@uamd/traffic';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation } from '../apps/cli/src/simulate/run-simulation';
import {
  loadTraffic,
  recordedTraffic,
  toTrafficRecord,
  writeGeneratedTraffic,
} from '../apps/cli/src/traffic/traffic-io';
import { publishTraffic } from './support/publish-traffic';
import { plateRead, sideHeartbeats } from '../libs/domain/src/testing/event-builders';
import { testKafka } from './support/test-kafka';

/** `simulate --traffic FILE --speed S --out DIR` (the scenario options are taken from the file). */
const replayRun = (traffic: string, speed: number | 'max', out: string) =>
  runSimulation({
    traffic,
    speed,
    out,
    scenario: 'tiny',
    seed: 0,
    noise: 0,
    partitions: 3,
    log: () => undefined,
  });

/** Every output of a run, in a stable order. */
function outputsOf(dir: string): string[] {
  return readFileSync(join(dir, 'crossings.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // Every field, decidedAt included: it is log time, so it must not move between runs either.
      return JSON.stringify(JSON.parse(line));
    })
    .sort();
}

describe('traffic files replayed through the real broker and the reconciler', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'uamd-replay-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same outputs, with the same crossing ids, at ×100 and as fast as possible', async () => {
    const file = join(dir, 'tiny.avro');
    const world = generateWorld(scenarioByName('tiny'), 5);
    const codec = AvroCodec.load();
    writeGeneratedTraffic(file, world.scenario, world.seed, 0, codec);
    // Declarations are lodged up to two hours before the window: at ×100 the whole file would take
    // 80 s, so the paced run uses the 20 minutes from the scenario start (12 s at ×100).
    const short = join(dir, 'tiny-window.avro');
    writeTrafficFile(
      short,
      { source: 'generate', scenario: 'tiny', seed: 5, noise: 0 },
      observeBothSides(world)
        .filter((e) => e.deliverAt >= world.start)
        .map((e) => toTrafficRecord(e, codec)),
    );
    const run = (speed: number | 'max', out: string) => replayRun(short, speed, join(dir, out));
    const fast = await run('max', 'max');
    const paced = await run(100, 'x100');
    expect(fast.crossingsMatched).toBeGreaterThan(0);
    // On the secured test broker each part ran as its own principal, under the exchange ACLs:
    // each country's records went through that country's login (plaintext on the Docker path).
    expect(fast.stack.kafkaLogin).toBe(
      process.env.UAMD_KAFKA_SECURE_DIR
        ? 'SASL_SSL, each part as its own principal under the exchange ACLs'
        : 'plaintext',
    );
    expect(paced.crossingsMatched).toBe(fast.crossingsMatched);
    expect(outputsOf(join(dir, 'x100'))).toEqual(outputsOf(join(dir, 'max')));
    // The whole file (with its truth beside it) is scored like a generated run.
    const whole = await replayRun(file, 'max', join(dir, 'whole'));
    expect(whole.files.truth).not.toBeNull();
    expect(whole.scenario).toBe('tiny');
    expect(whole.seed).toBe(5);
  });

  it('refuses a corrupt file with its position before anything is sent', async () => {
    const file = join(dir, 'tiny.avro');
    const bytes = readFileSync(file);
    const broken = join(dir, 'broken.avro');
    writeFileSync(broken, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const attempt = replayRun(broken, 'max', join(dir, 'broken'));
    await expect(attempt).rejects.toBeInstanceOf(TrafficFileError);
    await expect(attempt).rejects.toThrow(
      /broken\.avro: record \d+ \(block at byte \d+\): truncated block/,
    );
  });

  it("records both countries' live topics into a file that replays the same events in the same order", async () => {
    const codec = AvroCodec.load();
    const world = generateWorld(scenarioByName('tiny'), 6);
    const source = join(dir, 'source.avro');
    writeGeneratedTraffic(source, world.scenario, world.seed, 0, codec);
    const traffic = loadTraffic(source, codec);
    const kafka = testKafka('record-test');
    const topics = topicNames(`rec-${process.pid}-${Date.now()}.`);
    await publishTraffic(kafka, codec, traffic, topics);
    const captured = await readTopicRange(kafka, {
      // Record timestamps are delivery times in the world, so a recording names the traffic's own clock.
      topics: inputTopics(topics),
      from: traffic.events[0]!.deliverAt,
      to: traffic.events[traffic.events.length - 1]!.deliverAt,
      groupId: `rec-test-${Date.now()}`,
    });
    const recorded = recordedTraffic(
      captured,
      topics.plateReads.UA.replace('ua.plate-reads', ''),
      codec,
    );
    expect(recorded.undecodable).toBe(0);
    const file = join(dir, 'recorded.avro');
    writeTrafficFile(file, { source: 'record' }, recorded.records);
    const replayed = loadTraffic(file, codec).events;
    expect(replayed).toHaveLength(traffic.events.length);
    // Same events; within each topic-partition the same order (across partitions Kafka keeps none).
    const ids = (events: typeof replayed) => events.map((e) => e.event.data.eventId).sort();
    expect(ids(replayed)).toEqual(ids(traffic.events));
    const orderPerPost = (events: typeof replayed) =>
      events.reduce<Record<string, string[]>>((acc, e) => {
        const feed = inputTopicFor(topicNames(), e.event.type, e.event.data.country);
        const key = `${feed}|${e.event.data.crossingPoint}`;
        (acc[key] ??= []).push(e.event.data.eventId);
        return acc;
      }, {});
    expect(orderPerPost(replayed)).toEqual(orderPerPost(traffic.events));
  });

  it('replays a short file in real time (x1) with the same outputs as at max', async () => {
    // Maiaki-Udobne–Palanca is a joint control point: a 1-min minimum transit, minus the 3-min
    // skew bound, lets an entry follow its exit within seconds, so a 6-second file has crossings.
    const point = 'maiaki-udobne-palanca';
    const codec = AvroCodec.load();
    const at = (seconds: number) => seconds / 60;
    const events = [
      plateRead('UA', 'EXIT', 'AA1111AA', at(0), { crossingPoint: point }),
      plateRead('MD', 'EXIT', 'ABC111', at(0.5), { crossingPoint: point }),
      plateRead('MD', 'ENTRY', 'AA 1111 AA', at(2), { crossingPoint: point }),
      plateRead('UA', 'ENTRY', 'ABC 111', at(3), { crossingPoint: point }),
      plateRead('UA', 'EXIT', 'KA2222KA', at(4), { crossingPoint: point }),
      plateRead('MD', 'ENTRY', 'КА2222КА', at(5.5), { crossingPoint: point }),
      ...sideHeartbeats('UA', at(6), point),
      ...sideHeartbeats('MD', at(6), point),
    ];
    const file = join(dir, 'six-seconds.avro');
    writeTrafficFile(
      file,
      { source: 'test' },
      events.map((event) =>
        toTrafficRecord(
          {
            deliverAt: eventTimeOf(event),
            event,
          },
          codec,
        ),
      ),
    );
    const run = (speed: number | 'max', out: string) => replayRun(file, speed, join(dir, out));
    const started = Date.now();
    const realTime = await run(1, 'x1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_500);
    const fast = await run('max', 'x1-max');
    expect(realTime.crossingsMatched).toBe(3);
    expect(realTime.files.truth).toBeNull();
    expect(outputsOf(join(dir, 'x1'))).toEqual(outputsOf(join(dir, 'x1-max')));
    expect(fast.crossingsMatched).toBe(3);
  });
});
