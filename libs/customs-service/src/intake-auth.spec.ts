import { startCustomsService, type CustomsServiceHandle } from './start-customs-service';
import { RecordingProducer, SPEC_CONFIG } from './testing/http-edge.fixtures';
import { type ProblemBody } from './http-problems';

const NOW = Date.UTC(2024, 8, 2, 12);
const UA_TOKEN = 'ua-token-0123456789abcdef';
const MD_TOKEN = 'md-token-0123456789abcdef';
const read = {
  crossingPoint: 'maiaki-udobne-palanca',
  direction: 'EXIT',
  plateText: 'ВН 1234 АА',
  ocrConfidence: 0.9,
  captureTime: NOW - 1000,
};

/** Issue 13 item 3: each administration's intake takes only its own administration's token. */
describe('authenticated intake (INTAKE_TOKEN_UA / INTAKE_TOKEN_MD)', () => {
  const producer = new RecordingProducer();
  let service: CustomsServiceHandle;
  const post = (authorization?: string): Promise<Response> =>
    fetch(`http://127.0.0.1:${service.port}/plate-reads`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(authorization === undefined ? {} : { authorization }),
      },
      body: JSON.stringify(read),
    });

  beforeAll(async () => {
    service = await startCustomsService(
      { ...SPEC_CONFIG, intakeTokens: { UA: UA_TOKEN, MD: MD_TOKEN } },
      { producer, clock: () => NOW, quiet: true },
    );
  });

  afterAll(async () => {
    await service.close();
  });

  beforeEach(() => {
    producer.records.length = 0;
  });

  it.each([
    ['no Authorization header', undefined, /bearer token of the UA administration is required/],
    ['an unknown token', `Bearer ${UA_TOKEN}x`, /not one this intake knows/],
    [
      'a token of the same length, one character off',
      `Bearer ${UA_TOKEN.slice(0, -1)}0`,
      /not one/,
    ],
    ['another scheme', `Basic ${UA_TOKEN}`, /is required/],
  ])('with %s: 401 with a WWW-Authenticate challenge, nothing published', async (_, auth, why) => {
    const response = await post(auth);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="uamd-intake"');
    const body = (await response.json()) as ProblemBody;
    expect(body.problems.map((p) => p.field)).toEqual(['authorization']);
    expect(body.message).toMatch(why);
    expect(producer.records).toEqual([]);
  });

  it("with the other administration's token: 403, nothing published", async () => {
    const response = await post(`Bearer ${MD_TOKEN}`);
    expect(response.status).toBe(403);
    expect(((await response.json()) as ProblemBody).message).toBe(
      'authorization: a token of MD may not write to the UA intake',
    );
    expect(producer.records).toEqual([]);
  });

  it('with its own token: 202 and the read published', async () => {
    const response = await post(`Bearer ${UA_TOKEN}`);
    expect(response.status).toBe(202);
    expect(producer.records).toHaveLength(1);
  });

  it('leaves the read-only endpoints open (health, status, metrics)', async () => {
    for (const path of ['/health', '/status', '/metrics']) {
      const response = await fetch(`http://127.0.0.1:${service.port}${path}`);
      expect([path, response.status]).toEqual([path, 200]);
    }
  });
});
