import { AvroCodec } from '@uamd/codec';
import { scenarioByName, scenarioEnd } from '@uamd/traffic';
import { Command } from 'commander';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateRun } from './evaluate/evaluate-run';
import { registerSimulate } from './simulate/simulate.command';
import { type SimulationSummary } from './simulate/run-simulation';
import { loadTraffic, truthFileOf } from './traffic/traffic-io';
import { registerTraffic } from './traffic/traffic.commands';

/** `uamd <args>` in process, as `main.ts` wires it (without the broker commands being run). */
async function cli(...args: string[]): Promise<void> {
  const program = new Command('uamd').exitOverride();
  registerSimulate(program);
  registerTraffic(program);
  await program.parseAsync(args, { from: 'user' });
}

describe('a scenario file of your own (--scenario <path>)', () => {
  let dir: string;
  let log: jest.SpyInstance;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'user-scenario-'));
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    log.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Copy one, edit it: `tiny`, renamed `mine`, ten minutes instead of twenty. */
  const copyOfTiny = (edit: Record<string, unknown> = {}) => {
    const path = join(dir, 'mine.v1.json');
    const tiny = JSON.parse(
      readFileSync(join(__dirname, '../../../scenarios/tiny.v1.json'), 'utf8'),
    ) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...tiny, name: 'mine', durationMinutes: 10, ...edit }));
    return path;
  };

  it('says in the help of simulate and generate that a path is accepted', () => {
    const program = new Command('uamd');
    registerSimulate(program);
    registerTraffic(program);
    for (const name of ['simulate', 'generate'])
      expect(
        program.commands
          .find((c) => c.name() === name)!
          .helpInformation()
          .replace(/\s+/g, ' '),
      ).toMatch(/--scenario <name\|path> built-in scenario name .*or the path of a scenario file/);
  });

  it('generate writes the edited world, its header naming the file and its hash', async () => {
    const scenarioFile = copyOfTiny();
    const out = join(dir, 'mine.avro');
    await cli('generate', '--scenario', scenarioFile, '--out', out, '--seed', '5');
    const { header, events } = loadTraffic(out, AvroCodec.load());
    expect(header).toMatchObject({
      source: 'generate',
      scenario: 'mine',
      scenarioFile: { path: scenarioFile },
      seed: 5,
    });
    expect(header.scenarioFile?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const tiny = scenarioByName('tiny');
    expect(header.start).toBe(tiny.start);
    expect(header.end).toBe(tiny.start + 10 * 60_000);
    expect(header.end).toBeLessThan(scenarioEnd(tiny));
    expect(events.length).toBeGreaterThan(0);
    expect(readFileSync(truthFileOf(out), 'utf8')).not.toBe('');
    expect(log.mock.calls.join('\n')).toMatch(/messages of scenario mine \(.*mine\.v1\.json\)/);
  });

  it('generate refuses a broken file, naming the file and the field', async () => {
    const scenarioFile = copyOfTiny({ durationMinutes: 0 });
    await expect(
      cli('generate', '--scenario', scenarioFile, '--out', join(dir, 'x.avro')),
    ).rejects.toThrow(`${scenarioFile}: durationMinutes: must be at least 1`);
  });

  /** A run folder as simulate leaves it: summary (its scenario fields), truth and outputs. */
  const runFolder = (
    summary: Pick<SimulationSummary, 'scenario' | 'scenarioFile' | 'seed' | 'noise'>,
    truthOf: string,
  ) => {
    const run = mkdtempSync(join(dir, 'run-'));
    writeFileSync(join(run, 'summary.json'), JSON.stringify(summary));
    writeFileSync(join(run, 'crossings.jsonl'), '');
    copyFileSync(truthFileOf(truthOf), join(run, 'truth.jsonl'));
    return run;
  };

  it('evaluate re-reads the file a run recorded, and refuses it once changed or gone', async () => {
    const scenarioFile = copyOfTiny();
    const traffic = join(dir, 'mine.avro');
    await cli('generate', '--scenario', scenarioFile, '--out', traffic, '--seed', '5');
    const { header } = loadTraffic(traffic, AvroCodec.load());
    const run = runFolder(
      { scenario: 'mine', scenarioFile: header.scenarioFile!, seed: 5, noise: 1 },
      traffic,
    );
    const evaluation = evaluateRun(run);
    expect(evaluation.run).toMatchObject({ scenario: 'mine', seed: 5, noise: 1 });
    // The baseline runs on the world regenerated from the file: it finds its crossings.
    expect(evaluation.matches.expected).toBeGreaterThan(0);
    expect(evaluation.baseline.matches.truePositives).toBeGreaterThan(0);

    writeFileSync(scenarioFile, `${readFileSync(scenarioFile, 'utf8')}\n`);
    expect(() => evaluateRun(run)).toThrow(
      /its scenario file \(summary\.json scenarioFile\) is not the one it ran: .*mine\.v1\.json: \(file\): has changed since it was recorded/,
    );
    rmSync(scenarioFile);
    expect(() => evaluateRun(run)).toThrow(/mine\.v1\.json: \(file\): no such file/);
  });

  it('evaluate still reads a built-in scenario by the name in the summary', async () => {
    const traffic = join(dir, 'tiny.avro');
    await cli('generate', '--scenario', 'tiny', '--out', traffic, '--seed', '5');
    const evaluation = evaluateRun(runFolder({ scenario: 'tiny', seed: 5, noise: 1 }, traffic));
    expect(evaluation.run.scenario).toBe('tiny');
    expect(evaluation.baseline.matches.truePositives).toBeGreaterThan(0);
  });
});
