import { type Command } from 'commander';
import { evaluateRun, printEvaluation } from './evaluate-run';

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .argument(
      '<dir>',
      'results folder of a simulate run (summary.json, crossings.jsonl, truth.jsonl)',
    )
    .description(
      'score the matched crossings and overdue alarms of a run against its truth, beside the exact-plate baseline',
    )
    .option('--json', 'print the evaluation as JSON')
    .action((dir: string, opts: { json?: boolean }) => {
      const evaluation = evaluateRun(dir);
      if (opts.json) process.stdout.write(`${JSON.stringify(evaluation, null, 2)}\n`);
      else printEvaluation(evaluation, (line) => console.log(line));
    });
}
