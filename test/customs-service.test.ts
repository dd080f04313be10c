import { AvroCodec } from '@uamd/codec';
import { startCustomsService, type CustomsServiceHandle } from '@uamd/customs-service';
import { makeMrn, partitionFor, type InputEvent } from '@uamd/domain';
import { topicNames, type TopicNames } from '@uamd/messaging';
import { type Consumer } from 'kafkajs';
import { customsConfig } from './support/customs-config';
import { messageCount } from './support/message-count';
import { uniqueName, waitFor } from './support/wait-for';
import { testKafka } from './support/test-kafka';

const PARTITIONS = 3;
const POST = 'mohyliv-podilskyi-otaci';
const codec = AvroCodec.load();
const kafka = testKafka('customs-service-test');

describe('customs service, HTTP only, on the real broker', () => {
  const topicPrefix = `${uniqueName('customs-http')}.`;
  const topics: TopicNames = topicNames(topicPrefix);
  const received: Array<{ partition: number; key: string | undefined; event: InputEvent }> = [];
  const heartbeats: Array<{ event: InputEvent; timestamp: number }> = [];
  let service: CustomsServiceHandle;
  let consumer: Consumer;
  const post = (path: string, body: string): Promise<Response> =>
    fetch(`http://127.0.0.1:${service.port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  beforeAll(async () => {
    service = await startCustomsService(customsConfig('UA', topicPrefix), { quiet: true });
    consumer = kafka.consumer({ groupId: uniqueName('customs-http-reader'), maxWaitTimeInMs: 50 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topics.plateReads.UA], fromBeginning: true });
    await consumer.run({
      eachMessage: ({ partition, message }) => {
        const event = codec.decodeInput(message.value).event;
        // HTTP intake only: the service also vouches for its cameras on the wall clock.
        if (event.type === 'CameraHeartbeat')
          heartbeats.push({ event, timestamp: Number(message.timestamp) });
        else received.push({ partition, key: message.key?.toString(), event });
        return Promise.resolve();
      },
    });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await service?.close();
  });

  it('given a valid plate read in Cyrillic, answers 202 once Kafka has it, on the post partition and key', async () => {
    const captureTime = Date.now() - 60_000;
    const body = {
      crossingPoint: POST,
      direction: 'EXIT',
      plateText: 'ВН 1234 АА',
      plateNationality: 'UA',
      ocrConfidence: 0.875,
      captureTime: new Date(captureTime).toISOString(),
      vehicleCategory: 'CAR',
    };
    const res = await post('/plate-reads', JSON.stringify(body));
    const text = await res.text();
    // The body beside the status, so a refusal says why.
    expect([res.status, text]).toEqual([202, expect.any(String)]);
    const accepted = JSON.parse(text) as { eventId: string; topic: string; partition: number };
    expect(accepted).toEqual({
      eventId: expect.any(String) as unknown,
      topic: topics.plateReads.UA,
      partition: partitionFor(POST, PARTITIONS),
    });

    await waitFor(() => received.length > 0, 'the plate read on the UA topic');
    // Started without simulation, the service heartbeats every UA camera, delivered at the wall clock.
    expect(heartbeats.length).toBeGreaterThan(0);
    for (const { event, timestamp } of heartbeats) {
      expect(event.data.country).toBe('UA');
      expect(Math.abs(timestamp - Date.now())).toBeLessThan(120_000);
      expect(event.type === 'CameraHeartbeat' && event.data.upTo < timestamp).toBe(true);
    }
    expect(received).toEqual([
      {
        partition: partitionFor(POST, PARTITIONS),
        key: POST,
        event: {
          type: 'PlateRead',
          data: {
            ...body,
            eventId: accepted.eventId,
            country: 'UA',
            laneId: 'L1',
            cameraId: 'UA-1-EXIT-L1',
            sequence: 0,
            captureTime,
          },
        },
      },
    ]);
  });

  it('refuses invalid inputs with a 400 naming the field, and publishes none of them', async () => {
    const before = await messageCount(kafka, [topics.plateReads.UA, topics.declarations.UA]);
    const read = {
      crossingPoint: POST,
      direction: 'EXIT',
      plateText: 'AA1234BC',
      ocrConfidence: 0.9,
      captureTime: Date.now(),
    };
    const mrn = makeMrn('24', 'UA', '100000ABCDEF', 'J');
    const declaration = {
      crossingPoint: POST,
      kind: 'EXPORT',
      mrn: mrn.slice(0, 17) + String((Number(mrn[17]) + 1) % 10),
      tractorPlate: 'AA 1234 BC',
      goods: [
        {
          hsCode: '100199',
          description: 'Wheat',
          grossMassKg: 20_000,
          value: { amount: 4_400, currency: 'EUR' },
        },
      ],
      lodgedAt: Date.now() - 3_600_000,
    };
    const cases: Array<[string, string, string, RegExp]> = [
      ['malformed JSON', '/plate-reads', '{"crossingPoint": "mohyliv', /body: is not valid JSON/],
      [
        'unknown crossing point',
        '/plate-reads',
        JSON.stringify({ ...read, crossingPoint: 'atlantis' }),
        /crossingPoint: is not a known crossing point/,
      ],
      [
        'sideways direction',
        '/plate-reads',
        JSON.stringify({ ...read, direction: 'SIDEWAYS' }),
        /direction: must be one of ENTRY, EXIT/,
      ],
      [
        'wrong MRN check character',
        '/declarations',
        JSON.stringify(declaration),
        /mrn: has a wrong check character/,
      ],
      [
        'capture a day ahead',
        '/plate-reads',
        JSON.stringify({ ...read, captureTime: Date.now() + 86_400_000 }),
        /captureTime: is \d+ ms in the future/,
      ],
    ];
    for (const [name, path, body, message] of cases) {
      const res = await post(path, body);
      const json = (await res.json()) as {
        statusCode: number;
        error: string;
        message: string;
        problems: unknown[];
      };
      expect({ name, status: res.status, statusCode: json.statusCode, error: json.error }).toEqual({
        name,
        status: 400,
        statusCode: 400,
        error: 'Bad Request',
      });
      expect(json.message).toMatch(message);
    }
    expect(await messageCount(kafka, [topics.plateReads.UA, topics.declarations.UA])).toBe(before);
  });
});

describe('customs service simulating the tiny scenario at max speed', () => {
  const topicPrefix = `${uniqueName('customs-sim')}.`;
  const topics: TopicNames = topicNames(topicPrefix);
  let service: CustomsServiceHandle;

  beforeAll(async () => {
    service = await startCustomsService(customsConfig('MD', topicPrefix, { simulate: true }), {
      quiet: true,
    });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('publishes its whole side, and creates and holds only its own topics', async () => {
    const result = await service.publisher!.done;
    expect(result.published).toBeGreaterThan(0);
    expect(result.byType.PlateRead).toBeGreaterThan(0);
    expect(result.byType.CameraHeartbeat).toBeGreaterThan(0);
    await waitFor(
      async () =>
        (await messageCount(kafka, [topics.plateReads.MD, topics.declarations.MD])) ===
        result.published,
      'the MD topics to hold every published event',
    );
    // It creates only the two topics it writes: the other side's are its owner's to create.
    const admin = kafka.admin();
    await admin.connect();
    const existing = await admin.listTopics().finally(() => admin.disconnect());
    expect(existing.filter((t) => t.startsWith(topicPrefix)).sort()).toEqual(
      [topics.declarations.MD, topics.plateReads.MD].sort(),
    );
    const status = (await (await fetch(`http://127.0.0.1:${service.port}/status`)).json()) as {
      publisher: { finished: boolean; published: number };
    };
    expect(status.publisher).toMatchObject({ finished: true, published: result.published });
  });
});
