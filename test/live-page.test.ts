import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { plateRead } from '../libs/domain/src/testing/event-builders';
import { ExchangeHarness } from './support/exchange-harness';
import {
  assertReconcilerBuilt,
  harnessEnv,
  startApp,
  waitForAssignment,
  type ReconcilerProcess,
} from './support/reconciler-process';
import { waitFor } from './support/wait-for';

const POST = 'mohyliv-podilskyi-otaci';
/** Debian's package (scripts/setup.sh, ensure_chromium), not a Playwright download. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The inputs say they were sent this long ago, so each crossing's match latency is at least this. */
const SENT_AGO_MS = 1_500;
const SCREENSHOT = join(__dirname, 'output', 'live-page.png');

/** What the page exposes as `window.live` (apps/reconciler/src/live/page-script.ts). */
interface PageLive {
  ticks: number;
  connected: boolean;
  charts: Record<string, { data: (number | null)[][]; u: { data: (number | null)[][] } }>;
}

/** Points (x values) and non-null y values of one chart, as uPlot holds them. */
async function chartData(page: Page, id: string): Promise<{ points: number; values: number[] }> {
  return page.evaluate((chartId) => {
    const live = (globalThis as unknown as { live: PageLive }).live;
    const chart = live.charts[chartId];
    if (!chart) return { points: 0, values: [] };
    const [x = [], ...ys] = chart.u.data;
    return { points: x.length, values: ys.flat().filter((v): v is number => v !== null) };
  }, id);
}

describe('the reconciler app serves a live page that updates itself', () => {
  const apps: ReconcilerProcess[] = [];
  let h: ExchangeHarness | undefined;
  let context: BrowserContext | undefined;
  let profile: string | undefined;

  beforeAll(assertReconcilerBuilt);
  afterAll(async () => {
    await context?.close().catch(() => undefined);
    for (const app of apps) await app.stop();
    await h?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('draws latency and throughput and lists a new crossing without a reload', async () => {
    h = await ExchangeHarness.create('live-page');
    const app = await startApp(apps, harnessEnv(h));
    await waitForAssignment(app);
    const base = app.url;

    // Unknown query parameters are ignored; the stream is an event stream from its first byte.
    const html = await fetch(`${base}/live?x=1`, { signal: AbortSignal.timeout(10_000) });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await html.text()).toContain('/live/uplot.iife.min.js');
    const uplot = await fetch(`${base}/live/uplot.iife.min.js`);
    expect(uplot.status).toBe(200);
    expect(await uplot.text()).toContain('uPlot');
    const abort = new AbortController();
    const events = await fetch(`${base}/live/events?x=1`, { signal: abort.signal });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = await events.body!.getReader().read();
    expect(new TextDecoder().decode(first.value as Uint8Array | undefined)).toMatch(
      /^retry: \d+\n\nevent: init\ndata: \{/,
    );
    abort.abort();

    profile = mkdtempSync(join(tmpdir(), 'uamd-live-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1400, height: 1100 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    const response = await page.goto(`${base}/live`);
    expect(response?.status()).toBe(200);
    await page.waitForSelector('body[data-connected="true"]', { state: 'attached' });
    // A function, not a string: the page's CSP refuses eval.
    await page.waitForFunction(
      () => ((globalThis as unknown as { live?: PageLive }).live?.ticks ?? 0) >= 1,
    );
    // A reload would lose this: the crossings below must arrive through the stream.
    await page.evaluate(() => ((globalThis as unknown as { loadedOnce: number }).loadedOnce = 1));

    const plates = ['KH4101KH', 'KH4102KH', 'KH4103KH'];
    for (const [i, plate] of plates.entries()) {
      const exit = plateRead('UA', 'EXIT', plate, 10 * i);
      const entry = plateRead('MD', 'ENTRY', plate, 10 * i + 5);
      await h.publishSentAt(Date.now() - SENT_AGO_MS, exit, entry);
      await h.publishAndVouch(10 * i + 6);
      await page
        .locator('#list-CrossingMatched')
        .getByText(plate, { exact: true })
        .waitFor({ timeout: 30_000 });
      if (i < plates.length - 1) await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    expect(
      await page.evaluate(() => (globalThis as unknown as { loadedOnce?: number }).loadedOnce),
    ).toBe(1);
    const rows = await page.locator('#list-CrossingMatched tr[data-id]').allTextContents();
    expect(rows).toHaveLength(plates.length);
    // Newest first, with its post.
    expect(rows[0]).toContain(plates[plates.length - 1]);
    expect(rows[0]).toContain(POST);

    // The next ticks carry the crossings' latency (the live window) and the outputs per second.
    const latency = await waitFor(async () => {
      const d = await chartData(page, `latency ${POST}`);
      return d.values.length > 0 && d;
    }, 'latency on the chart');
    expect(latency.points).toBeGreaterThan(0);
    expect(Math.min(...latency.values)).toBeGreaterThanOrEqual(SENT_AGO_MS);
    const throughput = await chartData(page, `throughput ${POST}`);
    expect(throughput.points).toBeGreaterThan(0);
    expect(throughput.values.some((v) => v > 0)).toBe(true);
    expect((await chartData(page, 'pending')).points).toBeGreaterThan(0);
    const drawn = page.locator(`[data-post="${POST}"] [data-chart="latency"]`);
    expect(Number(await drawn.getAttribute('data-points'))).toBeGreaterThan(0);
    expect(Number(await drawn.getAttribute('data-values'))).toBeGreaterThan(0);

    mkdirSync(join(__dirname, 'output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Nothing but the app itself was asked for (no CDN), and nothing failed on the page.
    expect(requested.filter((url) => !url.startsWith(`${base}/`) && url !== 'data:,')).toEqual([]);
    expect(problems).toEqual([]);

    // An open stream does not hold the shutdown up: on SIGTERM the app ends it and closes in good
    // time, and the page notices.
    const started = Date.now();
    // Nest re-raises the signal once closed; a shutdown held up past the grace ends in SIGKILL.
    await expect(app.stop()).resolves.toEqual({ exited: true, code: null, signal: 'SIGTERM' });
    expect(Date.now() - started).toBeLessThan(15_000);
    await page.waitForSelector('body[data-connected="false"]', { state: 'attached' });
  });
});
