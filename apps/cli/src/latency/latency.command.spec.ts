import { Command } from 'commander';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerLatency } from './latency.command';

/** A run folder's latency.jsonl with known values: 1..200 ms at Criva UA-MD, 1,000 ms ×10 at Otaci MD-UA, two alarms. */
function writeRun(dir: string): void {
  const lines: object[] = [];
  for (let ms = 1; ms <= 200; ms++)
    lines.push({
      kind: 'match',
      id: `xm-${ms}`,
      crossingPoint: 'mamalyha-criva',
      route: 'UA-MD',
      ms,
    });
  for (let i = 0; i < 10; i++)
    lines.push({
      kind: 'match',
      id: `xo-${i}`,
      crossingPoint: 'mohyliv-podilskyi-otaci',
      route: 'MD-UA',
      ms: 1_000,
    });
  lines.push({
    kind: 'alarm',
    id: 'ov-1',
    crossingPoint: 'mamalyha-criva',
    route: 'UA-MD',
    ms: 40,
  });
  lines.push({
    kind: 'alarm',
    id: 'ov-2',
    crossingPoint: 'mamalyha-criva',
    route: 'UA-MD',
    ms: 60,
  });
  writeFileSync(join(dir, 'latency.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

describe('uamd latency <run-dir>', () => {
  let dir: string;
  let out: string[];
  let spies: jest.SpyInstance[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'latency-cmd-'));
    writeRun(dir);
    out = [];
    spies = [
      jest.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line)),
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        out.push(String(chunk));
        return true;
      }),
    ];
    process.exitCode = undefined;
  });
  afterEach(() => {
    for (const s of spies) s.mockRestore();
    process.exitCode = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function latency(...args: string[]): Promise<void> {
    const program = new Command('uamd').exitOverride();
    registerLatency(program);
    await program.parseAsync(['latency', ...args], { from: 'user' });
  }

  it('gives exact percentiles per crossing point and route, and over all', async () => {
    await latency(dir, '--json');
    const report = JSON.parse(out.join('')) as {
      series: Array<Record<string, unknown>>;
      overall: Record<string, Record<string, number>>;
    };
    expect(report.series).toEqual([
      {
        kind: 'alarm',
        crossingPoint: 'mamalyha-criva',
        route: 'UA-MD',
        count: 2,
        p50: 40,
        p90: 60,
        p99: 60,
        p999: 60,
        max: 60,
      },
      {
        kind: 'match',
        crossingPoint: 'mamalyha-criva',
        route: 'UA-MD',
        count: 200,
        p50: 100,
        p90: 180,
        p99: 198,
        p999: 200,
        max: 200,
      },
      {
        kind: 'match',
        crossingPoint: 'mohyliv-podilskyi-otaci',
        route: 'MD-UA',
        count: 10,
        p50: 1_000,
        p90: 1_000,
        p99: 1_000,
        p999: 1_000,
        max: 1_000,
      },
    ]);
    // 210 matches: the 99th percentile is the 208th value (1,000 ms), not a mean of the two posts.
    expect(report.overall.match).toMatchObject({ count: 210, p50: 105, p99: 1_000, max: 1_000 });
    expect(process.exitCode).toBeUndefined();
  });

  it('passes an SLO every post meets, and fails with exit code 1 naming the post that does not', async () => {
    await latency(dir, '--slo', 'p99=1s');
    expect(out.at(-1)).toBe('SLO p99 ≤ 1000 ms: PASS for every crossing point and route');
    expect(process.exitCode).toBeUndefined();

    out.length = 0;
    await latency(dir, '--slo', 'p99=500ms,p50=150ms');
    expect(out).toContain('SLO p99 ≤ 500 ms, p50 ≤ 150 ms: FAIL');
    expect(out).toContain('  mohyliv-podilskyi-otaci MD-UA: p50 1000 ms > 150 ms');
    expect(out).toContain('  mohyliv-podilskyi-otaci MD-UA: p99 1000 ms > 500 ms');
    expect(out.some((l) => l.includes('mamalyha-criva UA-MD:'))).toBe(false);
    expect(process.exitCode).toBe(1);
  });

  it('refuses a folder without latency.jsonl and a malformed SLO, saying what is wrong', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'latency-none-'));
    try {
      await expect(latency(empty)).rejects.toThrow(
        /latency\.jsonl is missing: is .* a folder written by `uamd simulate`/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    await expect(latency(dir, '--slo', 'p97=1s')).rejects.toThrow(
      /'p97=1s': expected <percentile>=<time>/,
    );
  });
});
