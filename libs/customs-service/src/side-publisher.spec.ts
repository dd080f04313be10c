import { partitionFor, type InputEvent } from '@uamd/domain';
import { topicNames, type EventProducer, type OutgoingRecord } from '@uamd/messaging';
import { generateWorld, observeSide, scenarioByName } from '@uamd/traffic';
import { SidePublisher, type SidePublisherOptions } from './side-publisher';

/** Records every send with the fake wall time it happened at; can be told to fail. */
class RecordingProducer implements EventProducer {
  readonly sends: Array<{ at: number; records: OutgoingRecord[] }> = [];
  failOnSend: number | null = null;

  constructor(private readonly now: () => number) {}

  send(records: readonly OutgoingRecord[]): Promise<void> {
    if (this.failOnSend === this.sends.length)
      return Promise.reject(new Error('broker unavailable'));
    this.sends.push({ at: this.now(), records: [...records] });
    return Promise.resolve();
  }

  disconnect(): Promise<void> {
    return Promise.resolve();
  }
}

const scenario = scenarioByName('tiny');
const events = observeSide(generateWorld(scenario, 5), 'UA');
const byId = new Map(events.map((o) => [o.event.data.eventId, o]));
const encoder = { encode: (event: InputEvent): Buffer => Buffer.from(event.data.eventId) };

function setup(overrides: Partial<SidePublisherOptions> = {}): {
  publisher: SidePublisher;
  producer: RecordingProducer;
  sleeps: number[];
} {
  let now = 1_000_000;
  const sleeps: number[] = [];
  const producer = new RecordingProducer(() => now);
  const sleep = (ms: number): Promise<void> => {
    sleeps.push(ms);
    now += ms;
    // A macrotask, like a real timer, so the test can act between ticks.
    return new Promise((resolve) => setImmediate(resolve));
  };
  const options: SidePublisherOptions = {
    events,
    producer,
    encoder,
    topics: topicNames('t.'),
    partitions: 3,
    scenarioStart: scenario.start,
    speed: 60,
    ...overrides,
  };
  return { publisher: new SidePublisher(options, () => now, sleep), producer, sleeps };
}

const sentIds = (producer: RecordingProducer): string[] =>
  producer.sends.flatMap((s) => s.records.map((r) => r.value.toString()));

describe('SidePublisher', () => {
  it('given speed 60, sends each tick everything due (and nothing early) in one request, in order', async () => {
    const { publisher, producer } = setup();
    publisher.start();
    const result = await publisher.done;

    expect(result.published).toBe(events.length);
    expect(sentIds(producer)).toEqual(events.map((o) => o.event.data.eventId));
    // 20 simulated minutes at 60× take 20 wall seconds: far fewer requests than events.
    expect(producer.sends.length).toBeLessThan(events.length / 5);
    const wallStart = 1_000_000;
    producer.sends.forEach(({ at, records }, i) => {
      const simulatedNow = scenario.start + (at - wallStart) * 60;
      for (const r of records)
        expect(byId.get(r.value.toString())!.deliverAt).toBeLessThanOrEqual(simulatedNow);
      // Nothing that was already due may wait for the next tick.
      const nextRecord = producer.sends[i + 1]?.records[0];
      expect(
        nextRecord ? byId.get(nextRecord.value.toString())!.deliverAt : Infinity,
      ).toBeGreaterThan(simulatedNow);
    });
    expect(producer.sends.at(-1)!.at - wallStart).toBeGreaterThanOrEqual(
      (scenario.durationMinutes * 60_000) / 60,
    );
  });

  it('addresses each record to its own topic, the registry partition and the crossing-point key', async () => {
    const { publisher, producer } = setup({ speed: 'max' });
    publisher.start();
    await publisher.done;
    for (const record of producer.sends.flatMap((s) => s.records)) {
      const { event, deliverAt } = byId.get(record.value.toString())!;
      // The record timestamp is the delivery time in the world, not the moment it was sent.
      expect(record.timestamp).toBe(deliverAt);
      expect(record.topic).toBe(
        event.type === 'CustomsDeclaration' || event.type === 'DeclarationHeartbeat'
          ? 't.ua.declarations'
          : 't.ua.plate-reads',
      );
      expect(record.key).toBe(event.data.crossingPoint);
      expect(record.partition).toBe(partitionFor(event.data.crossingPoint, 3));
    }
  });

  it('given speed max, sends chunks back to back without sleeping and counts by type', async () => {
    const { publisher, producer, sleeps } = setup({ speed: 'max', chunkSize: 500 });
    publisher.start();
    const result = await publisher.done;
    expect(sleeps).toEqual([]);
    expect(producer.sends.map((s) => s.records.length)).toEqual([
      ...Array.from({ length: Math.floor(events.length / 500) }, () => 500),
      ...(events.length % 500 ? [events.length % 500] : []),
    ]);
    const count = (type: string): number => events.filter((o) => o.event.type === type).length;
    expect(result.byType).toEqual({
      PlateRead: count('PlateRead'),
      CameraHeartbeat: count('CameraHeartbeat'),
      CustomsDeclaration: count('CustomsDeclaration'),
      DeclarationHeartbeat: count('DeclarationHeartbeat'),
    });
    expect(publisher.progress()).toMatchObject({
      finished: true,
      published: events.length,
      total: events.length,
      error: null,
    });
  });

  it('given stop() midway, resolves done with what was sent so far', async () => {
    const { publisher, producer } = setup();
    publisher.start();
    while (producer.sends.length < 3) await new Promise((resolve) => setImmediate(resolve));
    await publisher.stop();
    const result = await publisher.done;
    expect(result.published).toBe(sentIds(producer).length);
    expect(result.published).toBeLessThan(events.length);
  });

  it('given a failing send, rejects done and reports the error in progress', async () => {
    const { publisher, producer } = setup({ speed: 'max', chunkSize: 100 });
    producer.failOnSend = 2;
    publisher.start();
    await expect(publisher.done).rejects.toThrow('broker unavailable');
    expect(publisher.progress()).toMatchObject({
      finished: true,
      published: 200,
      error: 'broker unavailable',
    });
  });
});
