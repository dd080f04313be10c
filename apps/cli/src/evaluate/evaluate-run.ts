import { type OutputEvent } from '@uamd/domain';
import {
  exactPlateBaseline,
  flattenOutputs,
  scoreOutputs,
  type DiscrepancyScore,
  type Scores,
} from '@uamd/evaluation';
import {
  generateWorld,
  loadScenarioFile,
  resolveScenario,
  withNoiseScale,
  type Scenario,
  type ScenarioFileRef,
  type TruthTrip,
} from '@uamd/traffic';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Evaluation extends Scores {
  run: { dir: string; scenario: string; seed: number; noise: number };
  baseline: { name: 'exact-plate' } & Scores;
}

/** One output line of `crossings.jsonl`: the output's type beside its fields. */
type OutputLine = { type: OutputEvent['type'] } & Record<string, unknown>;

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read ${file}: ${(error as Error).message} (is it the folder of a simulate run?)`,
    );
  }
}

function readJsonLines<T>(file: string): T[] {
  return readText(file)
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line !== '')
    .map(([line, n]) => {
      try {
        return JSON.parse(line) as T;
      } catch {
        throw new Error(`${file}:${n}: not valid JSON`);
      }
    });
}

/**
 * The run's scenario: a built-in by name, or the file recorded in `summary.json`, read again from
 * its absolute path and refused if it has vanished or its bytes changed (another world).
 */
function scenarioOfRun(dir: string, name: string, file: ScenarioFileRef | undefined): Scenario {
  if (!file) return resolveScenario(name).scenario;
  try {
    return loadScenarioFile(file.path, { expectSha256: file.sha256 }).scenario;
  } catch (error) {
    throw new Error(
      `cannot regenerate the world of ${dir}: its scenario file (summary.json scenarioFile) is not the one it ran: ${(error as Error).message}`,
    );
  }
}

/**
 * Scores a `simulate` folder against its truth, beside the exact-plate baseline run offline on
 * the same world (regenerated from the scenario, seed and noise factor in `summary.json`).
 */
export function evaluateRun(dir: string): Evaluation {
  const summary = JSON.parse(readText(join(dir, 'summary.json'))) as {
    scenario: string;
    scenarioFile?: ScenarioFileRef;
    seed: number;
    noise?: number;
  };
  // Runs from before noise existed had none beyond the scenario's own.
  const noise = summary.noise ?? 1;
  const truth = readJsonLines<TruthTrip>(join(dir, 'truth.jsonl'));
  const outputs = readJsonLines<OutputLine>(join(dir, 'crossings.jsonl'));
  const world = generateWorld(
    withNoiseScale(scenarioOfRun(dir, summary.scenario, summary.scenarioFile), noise),
    summary.seed,
  );
  const baseline = flattenOutputs(exactPlateBaseline(world));
  return {
    run: { dir, scenario: summary.scenario, seed: summary.seed, noise },
    ...scoreOutputs(truth, outputs, world.end),
    baseline: { name: 'exact-plate', ...scoreOutputs(truth, baseline, world.end) },
  };
}

const f4 = (x: number) => x.toFixed(4);

/** A small table: the reconciler and the baseline side by side. */
export function printEvaluation(e: Evaluation, write: (line: string) => void): void {
  const rows: Array<[string, string, string]> = [];
  const row = (label: string, of: (s: Scores) => string) =>
    rows.push([label, of(e), of(e.baseline)]);
  row('precision', (s) => f4(s.matches.precision));
  row('recall', (s) => f4(s.matches.recall));
  row('F1', (s) => f4(s.matches.f1));
  row('crossings right/expected', (s) => `${s.matches.truePositives}/${s.matches.expected}`);
  row('crossings wrong', (s) => `${s.matches.predicted - s.matches.truePositives}`);
  row('overdue true/false', (s) => `${s.overdue.true}/${s.overdue.false}`);
  row(
    '  true: no-show/unseen entry',
    (s) => `${s.overdue.trueNoShows}/${s.overdue.trueUnobservedEntries}`,
  );
  rows.push(['discrepancies true/found/injected', '', '']);
  for (const [reason, score] of Object.entries(e.discrepancies) as Array<
    [keyof DiscrepancyScore, DiscrepancyScore[keyof DiscrepancyScore]]
  >) {
    const base = e.baseline.discrepancies[reason];
    rows.push([
      `  ${reason}`,
      `${score.true}/${score.found}/${score.injected}`,
      `${base.true}/${base.found}/${base.injected}`,
    ]);
  }
  const header: [string, string, string] = ['', 'reconciler', 'exact-plate baseline'];
  const width = (i: 0 | 1) => Math.max(...[header, ...rows].map((r) => r[i].length));
  const [w0, w1] = [width(0), width(1)];
  write('');
  write(
    `Evaluation of ${e.run.dir} (scenario ${e.run.scenario}, seed ${e.run.seed}, noise ×${e.run.noise})`,
  );
  for (const r of [header, ...rows])
    write(`  ${r[0].padEnd(w0)}   ${r[1].padStart(w1)}   ${r[2].padStart(header[2].length)}`);
}
