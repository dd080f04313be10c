import { AvroCodec } from '@uamd/codec';
import { type CustomsConfig } from '@uamd/config';
import { startCustomsService, type CustomsServiceHandle } from './start-customs-service';
import { RecordingProducer, SPEC_CONFIG } from './testing/http-edge.fixtures';

const NOW = Date.UTC(2024, 8, 2, 12);
const config: CustomsConfig = SPEC_CONFIG;
const read = {
  crossingPoint: 'maiaki-udobne-palanca',
  direction: 'ENTRY',
  plateText: 'ВН 1234 АА',
  ocrConfidence: 0.9,
  captureTime: NOW - 1000,
};

describe('customs HTTP edge', () => {
  const producer = new RecordingProducer();
  let service: CustomsServiceHandle;
  const url = (path: string): string => `http://127.0.0.1:${service.port}${path}`;
  const post = (path: string, body: string, contentType = 'application/json'): Promise<Response> =>
    fetch(url(path), { method: 'POST', headers: { 'content-type': contentType }, body });

  beforeAll(async () => {
    service = await startCustomsService(config, { producer, clock: () => NOW, quiet: true });
  });

  afterAll(async () => {
    await service.close();
  });

  beforeEach(() => {
    producer.records.length = 0;
    producer.failing = false;
  });

  it('given a valid plate read, answers 202 with where it was published', async () => {
    const res = await post('/plate-reads', JSON.stringify(read));
    expect(res.status).toBe(202);
    const body = (await res.json()) as { eventId: string; topic: string; partition: number };
    expect(body).toEqual({
      eventId: expect.any(String) as unknown,
      topic: 'spec.ua.plate-reads',
      partition: 2,
    });
    expect(producer.records).toHaveLength(1);
    const decoded = AvroCodec.load().decodeInput(producer.records[0]!.value).event;
    expect(decoded).toMatchObject({
      type: 'PlateRead',
      data: {
        eventId: body.eventId,
        cameraId: 'UA-2-ENTRY-L1',
        sequence: 0,
        plateText: 'ВН 1234 АА',
      },
    });
  });

  it.each([
    ['malformed JSON', '{"crossingPoint": ', 'application/json', 400, /^body: is not valid JSON/],
    [
      'a body that is not JSON at all',
      'plate=AA1234BC',
      'application/x-www-form-urlencoded',
      400,
      /^body: must be a JSON object/,
    ],
    ['a JSON array', '[]', 'application/json', 400, /^body: must be a JSON object/],
    [
      'an unknown crossing point',
      JSON.stringify({ ...read, crossingPoint: 'nowhere' }),
      'application/json',
      400,
      /crossingPoint: is not a known crossing point/,
    ],
    [
      'a body over 64 kB',
      JSON.stringify({ ...read, plateText: 'A'.repeat(70_000) }),
      'application/json',
      413,
      /^body: is larger than the 64kb limit/,
    ],
  ])(
    'given %s, answers with its status and a message naming the field, publishing nothing',
    async (_name, body, type, status, message) => {
      const res = await post('/plate-reads', body, type);
      expect(res.status).toBe(status);
      const json = (await res.json()) as {
        statusCode: number;
        message: string;
        problems: unknown[];
      };
      expect(json.statusCode).toBe(status);
      expect(json.message).toMatch(message);
      expect(json.problems.length).toBeGreaterThan(0);
      expect(producer.records).toEqual([]);
    },
  );

  it('given Kafka does not acknowledge, answers 503 and not 202', async () => {
    producer.failing = true;
    const res = await post('/plate-reads', JSON.stringify(read));
    expect(res.status).toBe(503);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /kafka: did not acknowledge/,
    );
  });

  it('answers health and status', async () => {
    expect(await (await fetch(url('/health'))).json()).toEqual({ status: 'ok', country: 'UA' });
    expect(await (await fetch(url('/status'))).json()).toEqual({
      country: 'UA',
      simulate: false,
      publisher: null,
    });
  });
});
