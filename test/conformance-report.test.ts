import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { AvroCodec } from '@uamd/codec';
import { allTopics, topicNames } from '@uamd/messaging';
import { scenarioByName } from '@uamd/traffic';
import { loadTraffic, writeGeneratedTraffic } from '../apps/cli/src/traffic/traffic-io';
import { publishTraffic } from './support/publish-traffic';
import { testStackEnv } from './support/stack-env';
import { type CliRun, runUamd } from './support/uamd-cli';
import { testKafka } from './support/test-kafka';

/**
 * `uamd conformance` as a user runs it, through the built bin: a clean generated feed passes
 * with exit code 0, a feed with a camera outage fails its mandatory heartbeat condition with
 * exit code 1, and the HTML report a user would send to the partner opens in Chromium (Debian's
 * package, scripts/setup.sh) with nothing loaded from anywhere.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = join(__dirname, 'output', 'conformance-report.png');

function uamd(...args: string[]): Promise<CliRun> {
  return uamdWith(process.env, ...args);
}

function uamdWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
  return runUamd(env, args);
}

describe('uamd conformance', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uamd-conformance-'));
  let context: BrowserContext | undefined;

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes the clean demo, writes JSON that matches the table, and an HTML report Chromium shows', async () => {
    const file = join(dir, 'demo.avro');
    expect((await uamd('generate', '--scenario', 'demo', '--out', file)).code).toBe(0);
    const html = join(dir, 'demo.html');
    const table = await uamd('conformance', file, '--html', html);
    expect(table.stderr).not.toMatch(/error/i);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^conformance: PASS \(all \d+ mandatory conditions met/m);
    expect(table.stdout).toMatch(
      /^TC-FEED-3 +Every feed heartbeats at the agreed interval +mandatory +\d+ +0 +PASS$/m,
    );

    const json = await uamd('conformance', file, '--json');
    const report = JSON.parse(json.stdout) as {
      format: string;
      verdict: string;
      records: number;
      results: Array<{ condition: { id: string }; verdict: string }>;
    };
    expect(report.format).toBe('uamd.conformance-report');
    expect(report.verdict).toBe('pass');
    expect(report.records).toBe(Number(/^records: (\d+)/m.exec(table.stdout)?.[1]));
    for (const r of report.results)
      expect(table.stdout).toMatch(
        new RegExp(
          `^${r.condition.id} .* ${r.verdict === 'not-applicable' ? 'n/a' : r.verdict.toUpperCase()}$`,
          'm',
        ),
      );

    const profile = mkdtempSync(join(dir, 'chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      headless: true,
      viewport: { width: 1200, height: 1600 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(pathToFileURL(html).href);
    expect(await page.title()).toContain('conformance report');
    const body = await page.locator('body').innerText();
    expect(body).toContain('TC-OUT-1');
    expect(body).toMatch(/PASS/);
    expect(await page.locator('svg').count()).toBeGreaterThan(0);
    // Self-contained: the page asked for nothing but itself.
    expect(requested).toEqual([pathToFileURL(html).href]);
    mkdirSync(join(__dirname, 'output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    expect(readFileSync(SCREENSHOT).length).toBeGreaterThan(10_000);
  });

  it('fails a feed with a camera outage on TC-FEED-3, with exit code 1 and the silent camera named', async () => {
    const file = join(dir, 'outage.avro');
    expect(
      (await uamd('generate', '--scenario', 'camera-outage', '--seed', '1', '--out', file)).code,
    ).toBe(0);
    const run = await uamd('conformance', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^conformance: FAIL \(1 mandatory condition failed: TC-FEED-3\)/m);
    expect(run.stdout).toMatch(/camera MD-1-ENTRY-L1 silent for \d+ s/);
  });

  it('checks the live input topics of a time range: the same traffic replayed into Kafka passes with every record counted', async () => {
    const codec = AvroCodec.load();
    const file = join(dir, 'tiny.avro');
    writeGeneratedTraffic(file, scenarioByName('tiny'), 3, 1, codec);
    const traffic = loadTraffic(file, codec);
    const { brokers } = testStackEnv();
    const kafka = testKafka('conformance-live-test');
    const prefix = `conf-${process.pid}-${Date.now()}.`;
    const topics = topicNames(prefix);
    await publishTraffic(kafka, codec, traffic, topics);
    const env = { ...process.env, KAFKA_BROKERS: brokers.join(','), TOPIC_PREFIX: prefix };
    const run = await uamdWith(
      env,
      'conformance',
      '--from',
      String(traffic.events[0]!.deliverAt),
      '--to',
      String(traffic.events[traffic.events.length - 1]!.deliverAt),
      '--json',
    );
    expect(run.stderr).not.toMatch(/^error/m);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      verdict: string;
      records: number;
      source: { kind: string };
    };
    expect(report).toEqual(
      expect.objectContaining({ verdict: 'pass', records: traffic.events.length }),
    );
    expect(report.source.kind).toBe('live topics');
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: allTopics(topics) }).catch(() => undefined);
    await admin.disconnect();
  });

  it('refuses a file that is not a traffic file with a clear error', async () => {
    const run = await uamd('conformance', __filename);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('not an Avro object container file');
  });
});
