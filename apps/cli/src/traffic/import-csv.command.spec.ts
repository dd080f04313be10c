import { AvroCodec } from '@uamd/codec';
import { Command } from 'commander';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTraffic, truthFileOf } from './traffic-io';
import { registerTraffic } from './traffic.commands';

const POST = 'mohyliv-podilskyi-otaci';

/** `uamd import-csv …` as the CLI runs it, with what it printed. */
async function importCsvCommand(args: string[]): Promise<string[]> {
  const printed: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
  try {
    const program = new Command('uamd').exitOverride();
    registerTraffic(program);
    await program.parseAsync(['node', 'uamd', 'import-csv', ...args]);
    return printed;
  } finally {
    log.mockRestore();
  }
}

describe('the import-csv command', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'import-cmd-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const csv = (lines: string[]) => {
    const file = join(dir, 'export.csv');
    writeFileSync(file, lines.join('\n'));
    return file;
  };
  const header = 'country,crossing_point,direction,plate,capture_time';

  it('given the default, then the file says its heartbeats were synthesised and where it came from, and a stale truth beside it goes', async () => {
    const file = csv([header, `UA,${POST},EXIT,AA1234BC,2024-09-02T06:00:00Z`]);
    const out = join(dir, 'out.avro');
    writeFileSync(truthFileOf(out), '{"left":"by an earlier generate"}\n');
    const printed = await importCsvCommand([file, '--out', out]);
    const { header: written, events } = loadTraffic(out, AvroCodec.load());
    expect(written).toMatchObject({
      source: 'import-csv',
      origin: 'export.csv',
      heartbeats: 'synthesised',
      delivery: 'at-capture',
    });
    expect(events.some((e) => e.event.type === 'CameraHeartbeat')).toBe(true);
    expect(existsSync(truthFileOf(out))).toBe(false);
    expect(printed.at(-1)).toMatch(/1 plate reads .*heartbeats synthesised every 30 s/);
  });

  it('given --heartbeats none, then the file holds the reads only and its header says as sent', async () => {
    const file = csv([header, `UA,${POST},EXIT,AA1234BC,2024-09-02T06:00:00Z`]);
    const out = join(dir, 'out.avro');
    await importCsvCommand([file, '--heartbeats', 'none', '--out', out]);
    const { header: written, events } = loadTraffic(out, AvroCodec.load());
    expect(written.heartbeats).toBe('as-sent');
    expect(events.map((e) => e.event.type)).toEqual(['PlateRead']);
  });

  it('given --skip-bad and every row bad, then the command fails naming each bad row, and writes nothing', async () => {
    const file = csv([header, `UA,nowhere,EXIT,AA1234BC,2024-09-02T06:00:00Z`]);
    const out = join(dir, 'out.avro');
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
    try {
      const program = new Command('uamd').exitOverride();
      registerTraffic(program);
      await expect(
        program.parseAsync(['node', 'uamd', 'import-csv', file, '--skip-bad', '--out', out]),
      ).rejects.toThrow(/1 bad row\(s\), no valid row:\n.*export\.csv:2: crossing_point: /);
    } finally {
      log.mockRestore();
    }
    expect(printed).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it('given a --heartbeats value it does not know, then it refuses it by name', async () => {
    await expect(
      importCsvCommand([csv([header]), '--heartbeats', 'some', '--out', join(dir, 'o.avro')]),
    ).rejects.toThrow("--heartbeats must be synth or none, got 'some'");
  });
});
