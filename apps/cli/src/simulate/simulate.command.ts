import { type Command } from 'commander';
import { parseCount, parseNoise, parseSpeed, SCENARIO_OPTION_HELP } from '../cli-options';
import { evaluateRun, printEvaluation } from '../evaluate/evaluate-run';
import { isoTime } from './crossings-line';
import { runSimulation, type SimulationSummary } from './run-simulation';
import { madeBy } from './traffic-source';

const fmt = (ms: number | null) => (ms === null ? 'n/a' : `${ms} ms`);

/**
 * Where the run's traffic came from: the scenario (and seed, noise) it generated, or the traffic
 * file it replayed and what made that file (its header).
 */
export function describeSource(s: SimulationSummary): string {
  const scenario = (name: string, file: { path: string } | undefined) =>
    `${name}${file ? ` (${file.path})` : ''}, seed ${s.seed}, noise ×${s.noise}`;
  if (!s.traffic) return `Scenario ${scenario(s.scenario, s.scenarioFile)}`;
  const { file, header } = s.traffic;
  if (header.scenario !== undefined)
    return `Traffic file ${file} (generated from scenario ${scenario(header.scenario, header.scenarioFile)})`;
  const span =
    header.start !== undefined && header.end !== undefined
      ? `, ${isoTime(header.start)} to ${isoTime(header.end)}`
      : '';
  return `Traffic file ${file} (${madeBy(header)}${span})`;
}

export function printSummary(s: SimulationSummary, write: (line: string) => void): void {
  const published = (c: 'UA' | 'MD') =>
    `${s.published[c].total} (${Object.entries(s.published[c].byType)
      .map(([t, n]) => `${n} ${t}`)
      .join(', ')})`;
  write('');
  write(`${describeSource(s)}, speed ${s.speed}: ${s.wallSeconds} s wall time`);
  write(`  published UA          ${published('UA')}`);
  write(`  published MD          ${published('MD')}`);
  write(`  crossings matched     ${s.crossingsMatched}`);
  write(`  exits still pending   ${s.exitsStillPending}`);
  write(`  overdue alarms        ${s.overdue}`);
  write(`  stale-feed alarms     ${s.feedStaleAlarms}`);
  write(`  dead-lettered         ${s.deadLettered}`);
  write(
    `  match latency         p50 ${fmt(s.matchLatencyMs.p50)}, p99 ${fmt(s.matchLatencyMs.p99)}, max ${fmt(s.matchLatencyMs.max)} (${s.matchLatencyMs.count} crossings)`,
  );
  write(
    `  results               ${s.files.crossings}, ${s.files.latency}, ${s.files.summary}, truth ${s.files.truth ? `in ${s.files.truth}` : 'none (no .truth.jsonl beside the traffic file)'}`,
  );
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'run a scenario end to end on the local stack (started if KAFKA_BROKERS/REDIS_URL are unset) and write the results to a folder',
    )
    .option('--scenario <name|path>', SCENARIO_OPTION_HELP, 'demo')
    .option('--seed <n>', 'seed of the generated world', parseCount('--seed', 0, 2 ** 32 - 1), 42)
    .option(
      '--noise <factor>',
      "multiplies the scenario's camera and feed noise: 0 none, 1 as defined, 2 double",
      parseNoise,
      1,
    )
    .option(
      '--speed <x|max>',
      'simulated seconds per wall second, or max',
      parseSpeed,
      600 as number | 'max',
    )
    .option('--out <dir>', 'results folder', 'out/simulate')
    .option('--partitions <n>', 'partitions of every topic', parseCount('--partitions', 1, 64), 3)
    .option(
      '--traffic <file>',
      'replay this traffic file (generate, record or import-csv) instead of running the two customs services',
    )
    .option(
      '--skip-bad',
      'with --traffic: report and leave out bad records instead of refusing the file',
    )
    .option('--json', 'print the summary as JSON')
    .action(
      async (opts: {
        scenario: string;
        seed: number;
        noise: number;
        speed: number | 'max';
        out: string;
        partitions: number;
        traffic?: string;
        skipBad?: boolean;
        json?: boolean;
      }) => {
        const log = opts.json
          ? (line: string) => process.stderr.write(`${line}\n`)
          : (line: string) => console.log(line);
        const summary = await runSimulation({ ...opts, log, progress: process.stderr });
        // When the truth is known (a simulation, or a generated traffic file), the run is scored straight away.
        const evaluation = summary.files.truth ? evaluateRun(opts.out) : null;
        if (opts.json)
          process.stdout.write(`${JSON.stringify({ ...summary, evaluation }, null, 2)}\n`);
        else {
          printSummary(summary, (line) => console.log(line));
          if (evaluation) printEvaluation(evaluation, (line) => console.log(line));
        }
      },
    );
}
