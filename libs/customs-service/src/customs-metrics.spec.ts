import { type CustomsConfig } from '@uamd/config';
import { type InputEvent } from '@uamd/domain';
import { topicNames, type EventProducer, type OutgoingRecord } from '@uamd/messaging';
import { generateWorld, observeSide, scenarioByName } from '@uamd/traffic';
import { register } from 'prom-client';
import { CustomsMetrics, EXCHANGE_DELAY_BUCKETS_SECONDS } from './customs-metrics';
import { toOutgoingRecord, type PublishedEvent } from './event-records';
import { SidePublisher } from './side-publisher';
import { startCustomsService, type CustomsServiceHandle } from './start-customs-service';
import { RecordingProducer, SPEC_CONFIG } from './testing/http-edge.fixtures';

const NOW = Date.UTC(2024, 8, 2, 12);
const POST = 'mohyliv-podilskyi-otaci';
const topics = topicNames('spec.');
const target = {
  encoder: { encode: (e: InputEvent): Buffer => Buffer.from(e.data.eventId) },
  topics,
  partitions: 3,
};

/** Value of one sample of the Prometheus text, labels matched exactly; undefined when absent. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (m?.[1] === name && (m[2] ?? '').split(',').filter(Boolean).sort().join(',') === want)
      return Number(m[3]);
  }
  return undefined;
}

/** Every label set a metric has in the text, as `k=v,…` strings. */
function labelSets(text: string, name: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`))
    .map((l) => /\{([^}]*)\}/.exec(l)![1]!.replace(/"/g, ''));
}

function plateRead(crossingPoint: string, captureTime: number): InputEvent {
  return {
    type: 'PlateRead',
    data: {
      eventId: `r-${captureTime}`,
      country: 'UA',
      crossingPoint,
      laneId: 'L1',
      cameraId: 'UA-2-EXIT-L1',
      sequence: 0,
      direction: 'EXIT',
      plateText: 'AA1234BC',
      plateNationality: 'UA',
      ocrConfidence: 0.9,
      captureTime,
      vehicleCategory: 'CAR',
    },
  };
}

const heartbeat: InputEvent = {
  type: 'DeclarationHeartbeat',
  data: { eventId: 'hb', country: 'UA', crossingPoint: POST, upTo: NOW - 60_000 },
};

const sent = (event: InputEvent, deliverAt: number): PublishedEvent => ({
  event,
  record: toOutgoingRecord(event, target, deliverAt, deliverAt),
});

describe('CustomsMetrics', () => {
  let now: number;
  let metrics: CustomsMetrics;
  const text = (): Promise<string> => metrics.registry.metrics();

  beforeEach(() => {
    now = NOW;
    metrics = new CustomsMetrics({ country: 'UA', topics, clock: () => now });
  });

  it('starts every published-events series of its topics and every exchange-delay series at 0', async () => {
    const t = await text();
    expect(labelSets(t, 'uamd_events_published_total').sort()).toEqual([
      'country=UA,topic=spec.ua.declarations,type=CustomsDeclaration',
      'country=UA,topic=spec.ua.declarations,type=DeclarationHeartbeat',
      'country=UA,topic=spec.ua.plate-reads,type=CameraHeartbeat',
      'country=UA,topic=spec.ua.plate-reads,type=PlateRead',
    ]);
    const counts = labelSets(t, 'uamd_exchange_delay_seconds_count');
    expect(counts).toHaveLength(3 * 2);
    for (const labels of counts) expect(labels).toMatch(/^country=UA,crossing_point=[a-z-]+,type=/);
    expect(t).not.toMatch(/^uamd_(publisher_behind|feed_heartbeat_age)_seconds\{/m);
  });

  it('counts acknowledged events by topic and type, and puts each read in its exchange-delay bucket', async () => {
    metrics.published(
      [
        sent(plateRead(POST, NOW - 3_000), NOW),
        sent(plateRead(POST, NOW - 400), NOW),
        sent(heartbeat, NOW),
      ],
      NOW,
    );
    const t = await text();
    const published = { country: 'UA', topic: 'spec.ua.plate-reads', type: 'PlateRead' };
    expect(sample(t, 'uamd_events_published_total', published)).toBe(2);
    expect(
      sample(t, 'uamd_events_published_total', {
        ...published,
        topic: 'spec.ua.declarations',
        type: 'DeclarationHeartbeat',
      }),
    ).toBe(1);
    const delay = { country: 'UA', crossing_point: POST, type: 'PlateRead' };
    expect(sample(t, 'uamd_exchange_delay_seconds_count', delay)).toBe(2);
    expect(sample(t, 'uamd_exchange_delay_seconds_sum', delay)).toBeCloseTo(3.4);
    expect(sample(t, 'uamd_exchange_delay_seconds_bucket', { ...delay, le: '0.25' })).toBe(0);
    expect(sample(t, 'uamd_exchange_delay_seconds_bucket', { ...delay, le: '0.5' })).toBe(1);
    expect(sample(t, 'uamd_exchange_delay_seconds_bucket', { ...delay, le: '2.5' })).toBe(1);
    expect(sample(t, 'uamd_exchange_delay_seconds_bucket', { ...delay, le: '5' })).toBe(2);
    // A heartbeat vouches; it has no capture to be late from.
    expect(
      sample(t, 'uamd_exchange_delay_seconds_count', { ...delay, type: 'DeclarationHeartbeat' }),
    ).toBeUndefined();
  });

  it('measures a declaration from its lodging, and a delivery before capture as 0', async () => {
    const declaration: InputEvent = {
      type: 'CustomsDeclaration',
      data: {
        eventId: 'd',
        country: 'UA',
        crossingPoint: POST,
        kind: 'EXPORT',
        mrn: '24UA000000000001J1',
        tractorPlate: 'AA1234BC',
        trailerPlate: null,
        goods: [],
        lodgedAt: NOW - 90_000,
        releasedAt: null,
      },
    };
    metrics.published([sent(declaration, NOW), sent(plateRead(POST, NOW + 5_000), NOW)], NOW);
    const t = await text();
    const labels = { country: 'UA', crossing_point: POST, type: 'CustomsDeclaration' };
    expect(sample(t, 'uamd_exchange_delay_seconds_sum', labels)).toBe(90);
    expect(sample(t, 'uamd_exchange_delay_seconds_bucket', { ...labels, le: '60' })).toBe(0);
    expect(sample(t, 'uamd_exchange_delay_seconds_bucket', { ...labels, le: '120' })).toBe(1);
    const read = { ...labels, type: 'PlateRead' };
    expect(sample(t, 'uamd_exchange_delay_seconds_bucket', { ...read, le: '0.001' })).toBe(1);
  });

  it('keeps the crossing-point label to the registry: anything else is "other"', async () => {
    // Built by hand: the registry would not give a partition to an unknown post.
    const record: OutgoingRecord = {
      topic: topics.plateReads.UA,
      partition: 0,
      key: 'atlantis',
      value: Buffer.alloc(0),
      timestamp: NOW,
    };
    metrics.published([{ event: plateRead('atlantis', NOW - 1_000), record }], NOW);
    const t = await text();
    expect(t).not.toContain('atlantis');
    expect(
      sample(t, 'uamd_exchange_delay_seconds_count', {
        country: 'UA',
        crossing_point: 'other',
        type: 'PlateRead',
      }),
    ).toBe(1);
  });

  it('reports the heartbeat age in wall seconds since the last acknowledged heartbeat', async () => {
    metrics.published([sent(heartbeat, NOW)], NOW);
    now = NOW + 12_500;
    expect(sample(await text(), 'uamd_feed_heartbeat_age_seconds', { country: 'UA' })).toBe(12.5);
    metrics.published([sent(plateRead(POST, NOW), now)], now);
    now += 1_000;
    // A read is not a heartbeat: the age keeps growing.
    expect(sample(await text(), 'uamd_feed_heartbeat_age_seconds', { country: 'UA' })).toBe(13.5);
  });

  it('reports the tracked publisher lag at each scrape, in seconds', async () => {
    let lag: number | undefined;
    const asked: number[] = [];
    metrics.trackPublisher({
      lagMs: (at) => {
        asked.push(at);
        return lag;
      },
    });
    now = NOW + 7;
    expect(
      sample(await text(), 'uamd_publisher_behind_seconds', { country: 'UA' }),
    ).toBeUndefined();
    lag = 2_500;
    expect(sample(await text(), 'uamd_publisher_behind_seconds', { country: 'UA' })).toBe(2.5);
    lag = 0;
    expect(sample(await text(), 'uamd_publisher_behind_seconds', { country: 'UA' })).toBe(0);
    expect(new Set(asked)).toEqual(new Set([NOW + 7]));
  });

  it('has its own registry with the process metrics prefixed uamd_customs_, none in the global one', async () => {
    const names = (await metrics.registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names).toContain('uamd_customs_process_cpu_user_seconds_total');
    expect(names).toContain('uamd_customs_nodejs_eventloop_lag_seconds');
    expect(
      names.filter((n) => n.startsWith('uamd_') && !n.startsWith('uamd_customs_')).sort(),
    ).toEqual([
      'uamd_events_published_total',
      'uamd_exchange_delay_seconds',
      'uamd_feed_heartbeat_age_seconds',
      'uamd_http_requests_total',
      'uamd_publisher_behind_seconds',
    ]);
    expect((await register.getMetricsAsJSON()).map((m) => m.name)).toEqual([]);
    // Two services in one process (the CLI) do not collide.
    expect(() => new CustomsMetrics({ country: 'MD', topics })).not.toThrow();
  });

  it('has buckets from 1 ms to 1 h', () => {
    expect(EXCHANGE_DELAY_BUCKETS_SECONDS[0]).toBe(0.001);
    expect(EXCHANGE_DELAY_BUCKETS_SECONDS.at(-1)).toBe(3600);
    expect([...EXCHANGE_DELAY_BUCKETS_SECONDS].sort((a, b) => a - b)).toEqual(
      EXCHANGE_DELAY_BUCKETS_SECONDS,
    );
  });
});

describe('SidePublisher.lagMs', () => {
  const scenario = scenarioByName('tiny');
  const events = observeSide(generateWorld(scenario, 5), 'UA');

  it('is how long the oldest unacknowledged event is past its scheduled send, 0 once done, undefined at max speed', async () => {
    let now = 1_000_000;
    let release: (() => void) | undefined;
    const sends: OutgoingRecord[][] = [];
    const producer: EventProducer = {
      send: (records) => {
        sends.push([...records]);
        // The first send hangs until released: the publisher falls behind its schedule meanwhile.
        return sends.length === 1
          ? new Promise<void>((resolve) => (release = resolve))
          : Promise.resolve();
      },
      disconnect: () => Promise.resolve(),
    };
    const sleep = (ms: number): Promise<void> => {
      now += ms;
      return new Promise((resolve) => setImmediate(resolve));
    };
    const publisher = new SidePublisher(
      { ...target, events, producer, scenarioStart: scenario.start, speed: 60 },
      () => now,
      sleep,
    );
    expect(publisher.lagMs(now)).toBeUndefined();
    publisher.start();
    while (!release) await new Promise((resolve) => setImmediate(resolve));
    const first = events[0]!;
    const due = 1_000_000 + Math.max(0, first.deliverAt - scenario.start) / 60;
    now = due + 4_000;
    expect(publisher.lagMs(now)).toBe(4_000);
    release();
    await publisher.done;
    expect(publisher.lagMs(now)).toBe(0);

    const unpaced = new SidePublisher({
      ...target,
      events,
      producer,
      scenarioStart: scenario.start,
      speed: 'max',
    });
    unpaced.start();
    await unpaced.done;
    expect(unpaced.lagMs(Date.now())).toBeUndefined();
  });

  it('tells its observer of each acknowledged send', async () => {
    const producer: EventProducer = {
      send: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
    };
    const metrics = new CustomsMetrics({ country: 'UA', topics });
    const publisher = new SidePublisher({
      ...target,
      events,
      producer,
      scenarioStart: scenario.start,
      speed: 'max',
      observer: metrics,
    });
    publisher.start();
    const result = await publisher.done;
    const t = await metrics.registry.metrics();
    const count = (topic: string, type: string): number | undefined =>
      sample(t, 'uamd_events_published_total', { country: 'UA', topic, type });
    expect(count('spec.ua.plate-reads', 'PlateRead')).toBe(result.byType.PlateRead);
    expect(count('spec.ua.plate-reads', 'CameraHeartbeat')).toBe(result.byType.CameraHeartbeat);
    expect(count('spec.ua.declarations', 'CustomsDeclaration')).toBe(
      result.byType.CustomsDeclaration,
    );
    const reads = labelSets(t, 'uamd_exchange_delay_seconds_count')
      .filter((l) => l.endsWith('type=PlateRead'))
      .map((l) => sample(t, 'uamd_exchange_delay_seconds_count', labelsOf(l)) ?? 0);
    expect(reads.reduce((a, b) => a + b, 0)).toBe(result.byType.PlateRead);
  });
});

function labelsOf(set: string): Record<string, string> {
  return Object.fromEntries(set.split(',').map((kv) => kv.split('=') as [string, string]));
}

describe('customs GET /metrics and the HTTP counter', () => {
  const config: CustomsConfig = SPEC_CONFIG;
  const read = {
    crossingPoint: POST,
    direction: 'ENTRY',
    plateText: 'ВН 1234 АА',
    ocrConfidence: 0.9,
    captureTime: NOW - 1000,
  };
  let service: CustomsServiceHandle;
  const url = (path: string): string => `http://127.0.0.1:${service.port}${path}`;
  const post = (path: string, body: string): Promise<Response> =>
    fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const scrape = async (): Promise<string> => (await fetch(url('/metrics'))).text();
  const requests = (route: string, method: string, status: string, t: string): number =>
    sample(t, 'uamd_http_requests_total', { route, method, status }) ?? 0;

  beforeAll(async () => {
    service = await startCustomsService(config, {
      producer: new RecordingProducer(),
      clock: () => NOW,
      quiet: true,
    });
  });

  afterAll(async () => {
    await service.close();
  });

  it('serves the Prometheus text format, uncached, whatever the query string', async () => {
    const res = await fetch(url('/metrics?format=json&x=1'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*\bversion=0\.0\.4\b/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const t = await res.text();
    expect(t).toMatch(/^# TYPE uamd_http_requests_total counter$/m);
    expect(t).toMatch(/^uamd_customs_process_cpu_user_seconds_total \d/m);
    // The intake heartbeats went out at start (the clock stands still here).
    expect(sample(t, 'uamd_feed_heartbeat_age_seconds', { country: 'UA' })).toBe(0);
  });

  it('counts a published read by topic and type, its exchange delay, and the 202 under its route', async () => {
    const before = await scrape();
    expect((await post('/plate-reads', JSON.stringify(read))).status).toBe(202);
    const t = await scrape();
    const labels = { country: 'UA', topic: 'spec.ua.plate-reads', type: 'PlateRead' };
    expect(sample(t, 'uamd_events_published_total', labels)).toBe(
      sample(before, 'uamd_events_published_total', labels)! + 1,
    );
    const delay = { country: 'UA', crossing_point: read.crossingPoint, type: 'PlateRead' };
    expect(sample(t, 'uamd_exchange_delay_seconds_count', delay)).toBe(1);
    expect(sample(t, 'uamd_exchange_delay_seconds_sum', delay)).toBe(1);
    expect(requests('/plate-reads', 'POST', '202', t)).toBe(
      requests('/plate-reads', 'POST', '202', before) + 1,
    );
  });

  it.each([
    ['an invalid read (refused by the validator)', JSON.stringify({ ...read, direction: 'UP' })],
    ['a body that is not JSON (refused by the body parser, before routing)', '{"crossingPoint": '],
  ])('counts %s as a 400 under the route pattern', async (_name, body) => {
    const before = await scrape();
    expect((await post('/plate-reads', body)).status).toBe(400);
    const t = await scrape();
    expect(requests('/plate-reads', 'POST', '400', t)).toBe(
      requests('/plate-reads', 'POST', '400', before) + 1,
    );
  });

  it('labels by pattern, never by raw URL: case, a trailing slash and the query fold in; unknown paths are "unmatched"', async () => {
    const before = await scrape();
    expect((await post('/PLATE-READS/?debug=1', '{')).status).toBe(400);
    for (let i = 0; i < 20; i++) expect((await fetch(url(`/probe-${i}?q=${i}`))).status).toBe(404);
    expect((await fetch(url('/plate-reads'))).status).toBe(404);
    const res = await fetch(url('/health'), { method: 'PROPFIND' });
    expect(res.status).toBe(404);
    const t = await scrape();
    expect(requests('/plate-reads', 'POST', '400', t)).toBe(
      requests('/plate-reads', 'POST', '400', before) + 1,
    );
    expect(requests('unmatched', 'GET', '404', t)).toBe(
      requests('unmatched', 'GET', '404', before) + 21,
    );
    expect(requests('unmatched', 'OTHER', '404', t)).toBe(1);
    const routes = new Set(labelSets(t, 'uamd_http_requests_total').map((l) => labelsOf(l).route));
    expect([...routes].sort()).toEqual(['/metrics', '/plate-reads', 'unmatched']);
  });
});
