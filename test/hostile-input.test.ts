import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AvroCodec, readTrafficFile, writeTrafficFile } from '@uamd/codec';
import { writeLines } from '../apps/cli/src/traffic/csv/chunked-lines';
import { writeFilled } from '../apps/cli/src/traffic/testing/filled-file';
import { toTrafficRecord } from '../apps/cli/src/traffic/traffic-io';
import { plateRead } from '../libs/domain/src/testing/event-builders';
import { type CliRun, runUamd } from './support/uamd-cli';

/**
 * The built CLI on input no partner should send, run with a heap far smaller than the input:
 * each ends in an error naming the row, or in a report, never in V8's out-of-memory abort.
 */
const OUT_OF_MEMORY = /heap out of memory|Allocation failed/;

function uamd(heapMb: number, ...args: string[]): Promise<CliRun> {
  return runUamd({ ...process.env, NODE_OPTIONS: `--max-old-space-size=${heapMb}` }, args);
}

describe('the CLI on hostile input, in bounded memory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uamd-hostile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const header = 'country,crossing_point,direction,plate,capture_time';
  const row = (plate: string) => `UA,mamalyha-criva,EXIT,${plate},2024-09-02T06:00:00Z`;

  function write(name: string, head: string, fill: string, bytes: number, tail: string): string {
    const file = join(dir, name);
    writeFilled(file, head, fill, bytes, tail);
    return file;
  }

  it('given a CSV with a 50 MB line, then import-csv names that line and refuses the file, on a 64 MB heap', async () => {
    const file = write(
      'long-line.csv',
      `${header}\n${row('AA1111BC')}\nUA,mamalyha-criva,EXIT,`,
      'X',
      50 << 20,
      `,2024-09-02T06:00:00Z\n${row('AA2222BC')}\n`,
    );
    const out = join(dir, 'long-line.avro');
    const run = await uamd(64, 'import-csv', file, '--out', out);
    expect(run.stderr).not.toMatch(OUT_OF_MEMORY);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`long-line.csv: 1 bad row(s), 2 valid`);
    expect(run.stderr).toContain(`long-line.csv:3: longer than 1 MiB`);
    expect(existsSync(out)).toBe(false);
  });

  it('given a header of a million columns, then import-csv refuses it by count, on a 64 MB heap', async () => {
    const file = write('wide.csv', 'country', ',', 999_999, `\n${row('AA1111BC')}\n`);
    const run = await uamd(64, 'import-csv', file, '--out', join(dir, 'wide.avro'));
    expect(run.stderr).not.toMatch(OUT_OF_MEMORY);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('wide.csv:1: the header has 1000000 columns, more than 64');
  });

  it('given JSON lines with a 50 MB line and --skip-bad, then the line is reported and the rest imported', async () => {
    const line = (plate: string) =>
      JSON.stringify({
        country: 'UA',
        crossing_point: 'mamalyha-criva',
        direction: 'EXIT',
        plate,
        capture_time: '2024-09-02T06:00:00Z',
      });
    const file = write(
      'export.jsonl',
      `${line('AA1111BC')}\n{"plate":"`,
      'X',
      50 << 20,
      `"}\n${line('AA2222BC')}\n`,
    );
    const out = join(dir, 'export.avro');
    const run = await uamd(64, 'import-csv', file, '--skip-bad', '--out', out);
    expect(run.stderr).not.toMatch(OUT_OF_MEMORY);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('export.jsonl:2: longer than 1 MiB');
    expect(run.stdout).toMatch(/\(2 plate reads from .*export\.jsonl/);
  });

  it('given an export of 50,000 rows, then import-csv streams it into the traffic file on a 48 MB heap, where holding it whole does not fit', async () => {
    const file = join(dir, 'month.csv');
    const start = Date.UTC(2024, 8, 1);
    const iso = (ms: number) => new Date(ms).toISOString();
    writeLines(
      file,
      (function* () {
        yield 'event_id,country,crossing_point,direction,camera,sequence,plate,capture_time,delivered_at';
        for (let i = 0; i < 50_000; i++) {
          const at = start + i * 25_000;
          yield `ev-${i},UA,mamalyha-criva,EXIT,UA-0-EXIT-L1,${i},AA${String(i % 10_000).padStart(4, '0')}BC,${iso(at - 2_000)},${iso(at)}`;
        }
      })(),
    );
    const out = join(dir, 'month.avro');
    const run = await uamd(48, 'import-csv', file, '--heartbeats', 'none', '--out', out);
    expect(run.stderr).not.toMatch(OUT_OF_MEMORY);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('month.avro: 50000 messages (50000 plate reads from');
    let records = 0;
    for (const _ of readTrafficFile(out)) records += 1;
    expect(records).toBe(50_000);
  });

  it('given a traffic file where every message names a new camera, then conformance reports on a 96 MB heap, saying what it did not track', async () => {
    const codec = AvroCodec.load();
    const start = Date.UTC(2024, 8, 2);
    const file = join(dir, 'cameras.avro');
    writeTrafficFile(
      file,
      { source: 'record', origin: 'hostile' },
      (function* () {
        for (let i = 0; i < 20_000; i++) {
          const at = start + i * 1000;
          const event = plateRead('UA', 'EXIT', 'AA1234BC', 0, {
            eventId: `r-${i}`,
            crossingPoint: 'mamalyha-criva',
            cameraId: `cam-${i}`,
            sequence: 0,
            ocrConfidence: 0.9,
            captureTime: at - 500,
          });
          yield toTrafficRecord({ deliverAt: at, event }, codec);
        }
      })(),
    );
    const run = await uamd(96, 'conformance', file, '--json');
    expect(run.stderr).not.toMatch(OUT_OF_MEMORY);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      records: number;
      results: Array<{
        condition: { id: string };
        verdict: string;
        figures?: Record<string, string | number>;
      }>;
    };
    expect(report.records).toBe(20_000);
    const result = (id: string) => report.results.find((r) => r.condition.id === id)!;
    expect(result('TC-FIELD-1').verdict).toBe('fail');
    expect(result('TC-TIME-1').figures?.['cameras not tracked']).toMatch(
      /^more than 64 cameras outside the registry .*: 19936 messages of further ones not judged here$/,
    );
  });
});
