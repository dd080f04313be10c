import { htmlReport, reportJson, summaryTable, type ConformanceReport } from '@uamd/conformance';
import { type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCount, parseTime } from '../cli-options';
import { checkLiveTopics } from './check-live-topics';
import { checkTrafficFile } from './check-traffic-file';

interface ConformanceOptions {
  from?: number;
  to?: number;
  json?: boolean;
  html?: string;
  samples: number;
}

/** `conformance`: every technical condition checked over a traffic file or the live topics. */
export function registerConformance(program: Command): void {
  program
    .command('conformance')
    .description(
      'check a traffic file (generated, recorded, or a partner export brought in with import-csv), or the input topics of KAFKA_BROKERS between --from and --to, against the technical conditions (docs/technical-conditions.md): a verdict per condition, the first offending messages, exit code 1 when a mandatory condition fails',
    )
    .argument('[traffic-file]', 'an Avro traffic file')
    .option(
      '--from <time>',
      'live: input records appended from (ISO-8601 or epoch ms)',
      parseTime('--from'),
    )
    .option('--to <time>', 'live: input records appended until', parseTime('--to'))
    .option('--json', 'print the report as JSON instead of the table')
    .option('--html <file>', 'also write a self-contained HTML report to send to the partner')
    .option(
      '--samples <n>',
      'offending messages kept per condition (1–1000)',
      parseCount('--samples', 1, 1000),
      20,
    )
    .action(async (file: string | undefined, opts: ConformanceOptions) => {
      const report = await reportFor(file, opts);
      if (opts.json) process.stdout.write(reportJson(report));
      else console.log(summaryTable(report));
      if (opts.html) {
        writeFileSync(opts.html, htmlReport(report, { generatedAt: new Date().toISOString() }));
        console.error(`HTML report: ${resolve(opts.html)}`);
      }
      if (report.verdict === 'fail') process.exitCode = 1;
    });
}

function reportFor(file: string | undefined, opts: ConformanceOptions): Promise<ConformanceReport> {
  const live = opts.from !== undefined || opts.to !== undefined;
  if (file !== undefined && live)
    throw new Error('give a traffic file or --from and --to, not both');
  if (file !== undefined) return checkTrafficFile(file, opts.samples);
  if (opts.from === undefined || opts.to === undefined)
    throw new Error('give a traffic file, or --from and --to to read the live input topics');
  if (opts.to < opts.from) throw new Error('--to must not be before --from');
  return checkLiveTopics(opts.from, opts.to, opts.samples);
}
