import { makeMrn } from '@uamd/domain';
import { startCustomsService, type CustomsServiceHandle } from './start-customs-service';
import { RecordingProducer, SPEC_CONFIG } from './testing/http-edge.fixtures';
import { type ProblemBody } from './http-problems';

const NOW = Date.UTC(2024, 8, 2, 12);
const DAY = 86_400_000;
const read = {
  crossingPoint: 'maiaki-udobne-palanca',
  direction: 'ENTRY',
  plateText: 'ВН 1234 АА',
  ocrConfidence: 0.9,
  captureTime: NOW - 1000,
};
const declaration = {
  crossingPoint: 'maiaki-udobne-palanca',
  kind: 'EXPORT',
  mrn: makeMrn('24', 'UA', '100000A1B2C3', 'J'),
  tractorPlate: 'AB 1234 KC',
  goods: [
    {
      hsCode: '220421',
      description: 'Wine of fresh grapes',
      grossMassKg: 18_000,
      value: { amount: 45_000, currency: 'EUR' },
    },
  ],
  lodgedAt: NOW - 3_600_000,
};
const goodsWith = (description: string) => [{ ...declaration.goods[0]!, description }];

/** Issue 13 item 4: what the intake cannot deliver intact is a 400 naming the field, never a 202. */
describe('customs HTTP intake refuses what it cannot deliver', () => {
  const producer = new RecordingProducer();
  let service: CustomsServiceHandle;
  const post = (path: string, body: unknown): Promise<Response> =>
    fetch(`http://127.0.0.1:${service.port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    service = await startCustomsService(SPEC_CONFIG, { producer, clock: () => NOW, quiet: true });
  });

  afterAll(async () => {
    await service.close();
  });

  beforeEach(() => {
    producer.records.length = 0;
  });

  it.each([
    ['a lone surrogate in the plate', { plateText: 'AA\uD800BC' }, 'plateText', /lone surrogate/],
    ['NUL in the plate', { plateText: 'AA\u00001234BC' }, 'plateText', /U\+0000 \(a control/],
    ['BEL in the plate', { plateText: 'AA\u00071234BC' }, 'plateText', /U\+0007 \(a control/],
    ['CR LF in the plate', { plateText: 'AA1234BC\r\n' }, 'plateText', /U\+000D \(a control/],
    ['a zero-width space in the plate', { plateText: 'AA\u200B1234BC' }, 'plateText', /zero-width/],
    ['a bidi override in the plate', { plateText: '\u202EAA1234BC' }, 'plateText', /bidirectional/],
    ['an emoji in the plate', { plateText: 'AA🚗1234' }, 'plateText', /U\+1F697 '🚗' is not one/],
    ['a lone surrogate in the event id', { eventId: 'cam-\uDFFF' }, 'eventId', /lone surrogate/],
    ['30 February', { captureTime: '2024-02-30T06:15:00Z' }, 'captureTime', /day 30: 2024-02/],
    ['1970', { captureTime: '1970-01-01T00:00:00Z' }, 'captureTime', /before 2000-01-01/],
    ['1900', { captureTime: '1900-01-01T00:00:00Z' }, 'captureTime', /before 2000-01-01/],
    ['the year 1', { captureTime: '0001-01-01T00:00:00Z' }, 'captureTime', /before 2000-01-01/],
    [
      'a capture older than MAX_PAST_MS',
      { captureTime: NOW - DAY - 1 },
      'captureTime',
      /in the past/,
    ],
  ])(
    'POST /plate-reads with %s: 400 naming the field, nothing published',
    async (_n, change, field, why) => {
      await expectRefused(await post('/plate-reads', { ...read, ...change }), field, why);
    },
  );

  it.each([
    [
      'a lone surrogate in the tractor plate',
      { tractorPlate: 'AB\uD8001234KC' },
      'tractorPlate',
      /lone surrogate/,
    ],
    ['an emoji in the trailer plate', { trailerPlate: '🚛 5678' }, 'trailerPlate', /is not one/],
    [
      'BEL in a goods description',
      { goods: goodsWith('Wine\u0007') },
      'goods[0].description',
      /U\+0007/,
    ],
    [
      'a lone surrogate in a goods description',
      { goods: goodsWith('Wine \uD83D') },
      'goods[0].description',
      /lone surrogate/,
    ],
    [
      'a lodgement on 30 February',
      { lodgedAt: '2024-02-30T06:15:00Z' },
      'lodgedAt',
      /day 30: 2024-02/,
    ],
    [
      'a release in the year 1',
      { releasedAt: '0001-01-01T00:00:00Z' },
      'releasedAt',
      /before 2000-01-01/,
    ],
  ])(
    'POST /declarations with %s: 400 naming the field, nothing published',
    async (_n, change, field, why) => {
      await expectRefused(await post('/declarations', { ...declaration, ...change }), field, why);
    },
  );

  it('given the same bodies with clean values, answers 202 (the refusals are of the value, not the body)', async () => {
    expect((await post('/plate-reads', read)).status).toBe(202);
    expect((await post('/declarations', declaration)).status).toBe(202);
    expect(producer.records).toHaveLength(2);
  });

  async function expectRefused(res: Response, field: string, why: RegExp): Promise<void> {
    expect(res.status).toBe(400);
    const body = (await res.json()) as ProblemBody;
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(body.problems.map((p) => p.field)).toEqual([field]);
    expect(body.problems[0]!.message).toMatch(why);
    expect(body.message).toBe(`${field}: ${body.problems[0]!.message}`);
    expect(producer.records).toEqual([]);
  }
});
