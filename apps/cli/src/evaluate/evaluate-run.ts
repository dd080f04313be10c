import { type CrossingMatched, type CrossingOverdue } from '@uamd/domain';
import {
  exactPlateBaseline,
  scoreMatches,
  scoreOverdue,
  type MatchScore,
  type OverdueScore,
} from '@uamd/evaluation';
import { generateWorld, scenarioByName, type TruthTrip } from '@uamd/traffic';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Evaluation {
  run: { dir: string; scenario: string; seed: number };
  matches: MatchScore;
  overdue: OverdueScore;
  baseline: { name: 'exact-plate'; matches: MatchScore };
}

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

/** Scores a `simulate` folder against its truth, beside the exact-plate baseline on the same world. */
export function evaluateRun(dir: string): Evaluation {
  const summary = JSON.parse(readText(join(dir, 'summary.json'))) as {
    scenario: string;
    seed: number;
  };
  const truth = readJsonLines<TruthTrip>(join(dir, 'truth.jsonl'));
  const outputs = readJsonLines<{ type: string } & Partial<CrossingMatched & CrossingOverdue>>(
    join(dir, 'crossings.jsonl'),
  );
  const matched = outputs.filter((o) => o.type === 'CrossingMatched') as CrossingMatched[];
  const overdue = outputs.filter((o) => o.type === 'CrossingOverdue') as CrossingOverdue[];
  const world = generateWorld(scenarioByName(summary.scenario), summary.seed);
  return {
    run: { dir, scenario: summary.scenario, seed: summary.seed },
    matches: scoreMatches(truth, matched),
    overdue: scoreOverdue(truth, overdue),
    baseline: { name: 'exact-plate', matches: scoreMatches(truth, exactPlateBaseline(world)) },
  };
}

const f = (x: number) => x.toFixed(4);

export function printEvaluation(e: Evaluation, write: (line: string) => void): void {
  write('');
  write(`Evaluation of ${e.run.dir} (scenario ${e.run.scenario}, seed ${e.run.seed})`);
  write('                      reconciler   exact-plate baseline');
  write(`  precision           ${f(e.matches.precision)}       ${f(e.baseline.matches.precision)}`);
  write(`  recall              ${f(e.matches.recall)}       ${f(e.baseline.matches.recall)}`);
  write(`  F1                  ${f(e.matches.f1)}       ${f(e.baseline.matches.f1)}`);
  write(
    `  crossings           ${e.matches.truePositives}/${e.matches.expected} right, ${e.matches.predicted - e.matches.truePositives} wrong`,
  );
  write(
    `  overdue alarms      ${e.overdue.alarms} (${e.overdue.true} true, ${e.overdue.false} false)`,
  );
}
