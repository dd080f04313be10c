import {
  type LatencySample,
  latencyOfOutput,
  latencyReport,
  parseSlo,
  type Slo,
} from '@uamd/latency';
import { readTopicRange, topicNames } from '@uamd/messaging';
import { cliGroupId, cliKafka } from '../cli-kafka';
import { type Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTime } from '../cli-options';
import { latencyTable } from './latency-table';

interface LatencyOptions {
  slo?: string;
  json?: boolean;
  from?: number;
  to?: number;
}

/** `latency`: percentiles per crossing point and route, from a run folder or the live topics. */
export function registerLatency(program: Command): void {
  program
    .command('latency')
    .description(
      'match latency and alarm lateness percentiles per crossing point and route, from a simulate run folder, or from the output topics of KAFKA_BROKERS between --from and --to; exit code 1 when --slo is not met',
    )
    .argument('[run-dir]', 'a folder written by simulate (its latency.jsonl)')
    .option(
      '--slo <bounds>',
      'bounds on match latency, e.g. p99=2s,p50=200ms (or a file holding them)',
    )
    .option(
      '--from <time>',
      'live: output records appended from (ISO-8601 or epoch ms)',
      parseTime('--from'),
    )
    .option('--to <time>', 'live: output records appended until', parseTime('--to'))
    .option('--json', 'as JSON')
    .action(async (dir: string | undefined, opts: LatencyOptions) => {
      const slo = opts.slo === undefined ? undefined : readSlo(opts.slo);
      const samples = dir ? runSamples(dir) : await liveSamples(opts);
      const report = latencyReport(samples, slo);
      if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else for (const line of latencyTable(report)) console.log(line);
      if (report.slo && !report.slo.pass) process.exitCode = 1;
    });
}

function readSlo(value: string): Slo {
  return parseSlo(existsSync(value) ? readFileSync(value, 'utf8').replace(/\s+/g, ',') : value);
}

function runSamples(
  dir: string,
): Array<Pick<LatencySample, 'kind' | 'crossingPoint' | 'route' | 'ms'>> {
  const file = join(dir, 'latency.jsonl');
  if (!existsSync(file))
    throw new Error(`${file} is missing: is ${dir} a folder written by \`uamd simulate\`?`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const s = JSON.parse(line) as Partial<LatencySample>;
      if ((s.kind !== 'match' && s.kind !== 'alarm') || typeof s.ms !== 'number')
        throw new Error(`${file}:${i + 1}: not a latency line`);
      return {
        kind: s.kind,
        crossingPoint: String(s.crossingPoint),
        route: String(s.route),
        ms: s.ms,
      };
    });
}

async function liveSamples(opts: LatencyOptions): Promise<LatencySample[]> {
  if (opts.from === undefined || opts.to === undefined)
    throw new Error('give a run folder, or --from and --to to read the live output topics');
  if (opts.to < opts.from) throw new Error('--to must not be before --from');
  const topics = topicNames(process.env.TOPIC_PREFIX ?? '');
  const kafka = cliKafka('latency', 'uamd-latency');
  const records = await readTopicRange(kafka, {
    topics: [topics.crossings, topics.alerts],
    from: opts.from,
    to: opts.to,
    groupId: cliGroupId('latency'),
  });
  return records.flatMap(
    (r) => latencyOfOutput(r.key?.toString() ?? '', r.headers, r.timestamp) ?? [],
  );
}
