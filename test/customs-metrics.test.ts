import { startCustomsService, type CustomsServiceHandle } from '@uamd/customs-service';
import { topicNames } from '@uamd/messaging';
import { customsConfig } from './support/customs-config';
import { messageCount } from './support/message-count';
import { total } from './support/prometheus-text';
import { uniqueName, waitFor } from './support/wait-for';
import { testKafka } from './support/test-kafka';

// GET /metrics of a customs service running on the real broker: what it counts is what Kafka acknowledged.

const POST = 'mohyliv-podilskyi-otaci';
const kafka = testKafka('customs-metrics-test');

describe('customs /metrics, HTTP intake on the real broker', () => {
  const topicPrefix = `${uniqueName('customs-metrics')}.`;
  const topics = topicNames(topicPrefix);
  let service: CustomsServiceHandle;
  const url = (path: string): string => `http://127.0.0.1:${service.port}${path}`;
  const post = (path: string, body: string): Promise<Response> =>
    fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const scrape = async (): Promise<string> => (await fetch(url('/metrics'))).text();

  beforeAll(async () => {
    service = await startCustomsService(customsConfig('UA', topicPrefix), { quiet: true });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('counts a posted read as published once Kafka has it, its 202, and a bad body as a 400', async () => {
    const read = {
      crossingPoint: POST,
      direction: 'EXIT',
      plateText: 'ВН 1234 АА',
      ocrConfidence: 0.9,
      captureTime: new Date(Date.now() - 60_000).toISOString(),
    };
    const res = await post('/plate-reads', JSON.stringify(read));
    expect([res.status, await res.text()]).toEqual([202, expect.any(String)]);
    expect((await post('/plate-reads', JSON.stringify({ ...read, direction: 'UP' }))).status).toBe(
      400,
    );
    expect((await post('/plate-reads', '{"crossingPoint": ')).status).toBe(400);

    const text = await scrape();
    const published = { country: 'UA', topic: topics.plateReads.UA };
    expect(total(text, 'uamd_events_published_total', { ...published, type: 'PlateRead' })).toBe(1);
    const http = (status: string): number =>
      total(text, 'uamd_http_requests_total', { route: '/plate-reads', method: 'POST', status });
    expect([http('202'), http('400')]).toEqual([1, 2]);
    // Captured a minute before it was received: the (30 s, 60 s] bucket or the next one.
    const delay = { country: 'UA', crossing_point: POST, type: 'PlateRead' };
    expect(total(text, 'uamd_exchange_delay_seconds_count', delay)).toBe(1);
    expect(total(text, 'uamd_exchange_delay_seconds_bucket', { ...delay, le: '30' })).toBe(0);
    expect(total(text, 'uamd_exchange_delay_seconds_bucket', { ...delay, le: '120' })).toBe(1);
  });

  it('counts, topic by topic, exactly what the topics hold (the read and the intake heartbeats)', async () => {
    const theirs = [topics.plateReads.UA, topics.declarations.UA];
    await waitFor(async () => {
      const text = await scrape();
      const counted = theirs.map((topic) =>
        total(text, 'uamd_events_published_total', { country: 'UA', topic }),
      );
      const held = await Promise.all(theirs.map((topic) => messageCount(kafka, [topic])));
      return counted.every((n, i) => n === held[i] && n > 0);
    }, 'the published counters to equal the topics');
    // The heartbeats among them were acknowledged: their age is a wall-clock figure, well under a beat.
    const age = total(await scrape(), 'uamd_feed_heartbeat_age_seconds', { country: 'UA' });
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(30);
  });
});

describe('customs /metrics, simulating the tiny scenario paced', () => {
  const topicPrefix = `${uniqueName('customs-metrics-sim')}.`;
  const topics = topicNames(topicPrefix);
  let service: CustomsServiceHandle;

  beforeAll(async () => {
    // 20 simulated minutes at 1200×: about a second of wall clock.
    service = await startCustomsService(
      customsConfig('MD', topicPrefix, { simulate: true, speed: 1200 }),
      { quiet: true },
    );
  });

  afterAll(async () => {
    await service?.close();
  });

  it('counts every published event, a delay for every read, and is not behind once done', async () => {
    const result = await service.publisher!.done;
    const text = await (await fetch(`http://127.0.0.1:${service.port}/metrics`)).text();
    expect(total(text, 'uamd_events_published_total', { country: 'MD' })).toBe(result.published);
    for (const [type, n] of Object.entries(result.byType))
      expect([type, total(text, 'uamd_events_published_total', { country: 'MD', type })]).toEqual([
        type,
        n,
      ]);
    expect(total(text, 'uamd_exchange_delay_seconds_count', { type: 'PlateRead' })).toBe(
      result.byType.PlateRead,
    );
    expect(text).toMatch(/^uamd_publisher_behind_seconds\{country="MD"\} 0$/m);
    expect(await messageCount(kafka, [topics.plateReads.MD, topics.declarations.MD])).toBe(
      result.published,
    );
  });
});
