import { plateRead } from '../libs/domain/src/testing/event-builders';
import { ExchangeHarness } from './support/exchange-harness';
import { sample } from './support/prometheus-text';
import {
  assertReconcilerBuilt,
  harnessEnv,
  startApp,
  waitForAssignment,
  type ReconcilerProcess,
} from './support/reconciler-process';
import { waitFor } from './support/wait-for';

const POST = 'mohyliv-podilskyi-otaci';
/** The inputs say they were sent this long ago, so the crossing's match latency is at least this. */
const SENT_AGO_MS = 3_000;

describe('the reconciler app measures match latency on /metrics and /status', () => {
  const apps: ReconcilerProcess[] = [];
  let h: ExchangeHarness | undefined;

  beforeAll(assertReconcilerBuilt);
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await h?.close();
  });

  it('puts a crossing whose inputs were sent 3 s ago in the (2 s, 5 s] bucket of its post and route', async () => {
    h = await ExchangeHarness.create('metrics');
    const app = await startApp(apps, harnessEnv(h));
    await waitForAssignment(app);

    const exit = plateRead('UA', 'EXIT', 'KH3001KH', 0);
    const entry = plateRead('MD', 'ENTRY', 'KH3001KH', 5);
    await h.publishSentAt(Date.now() - SENT_AGO_MS, exit, entry);
    await h.publishAndVouch(6);
    await waitFor(
      () => h!.matched().some((m) => m.exitEventId === exit.data.eventId),
      'the crossing',
    );

    const labels = { crossing_point: POST, route: 'UA-MD' };
    const text = await waitFor(async () => {
      const t = await app.metrics();
      return sample(t, 'uamd_match_latency_seconds_count', labels) === 1 && t;
    }, 'the crossing on /metrics');
    expect(sample(text, 'uamd_match_latency_seconds_bucket', { ...labels, le: '2' })).toBe(0);
    expect(sample(text, 'uamd_match_latency_seconds_bucket', { ...labels, le: '5' })).toBe(1);
    expect(sample(text, 'uamd_match_latency_seconds_bucket', { ...labels, le: '+Inf' })).toBe(1);
    const seconds = sample(text, 'uamd_match_latency_seconds_sum', labels)!;
    expect(seconds).toBeGreaterThanOrEqual(SENT_AGO_MS / 1000);
    expect(seconds).toBeLessThan(5);
    expect(
      sample(text, 'uamd_outputs_total', { type: 'CrossingMatched', crossing_point: POST }),
    ).toBe(1);
    expect(text).toMatch(/^uamd_inputs_total\{topic="[^"]+md\.plate-reads"\} \d+$/m);
    expect(text).toMatch(/^uamd_redis_commit_seconds_count \d+$/m);

    // The same crossing in the HDR percentiles of /status, in ms.
    const status = (await app.status()) as unknown as {
      latency: Record<string, { count: number; p50: number; max: number }>;
    };
    const series = status.latency[`match ${POST} UA-MD`];
    expect(series?.count).toBe(1);
    expect(series!.p50).toBeGreaterThanOrEqual(SENT_AGO_MS);
    expect(series!.max).toBe(series!.p50);
  });
});
