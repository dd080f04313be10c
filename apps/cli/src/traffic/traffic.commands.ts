import { cliGroupId, cliKafka } from '../cli-kafka';
import { AvroCodec, codecFromEnvironment, writeTrafficFile } from '@uamd/codec';
import {
  allTopics,
  ensureTopics,
  inputTopics,
  KafkaEventProducer,
  readTopicRange,
  topicNames,
} from '@uamd/messaging';
import { resolveScenario, SCENARIOS, withNoiseScale } from '@uamd/traffic';
import { type Command } from 'commander';
import { rmSync, statSync } from 'node:fs';
import {
  parseCount,
  parseNoise,
  parseSpeed,
  parseTime,
  requireBrokers,
  SCENARIO_OPTION_HELP,
} from '../cli-options';
import { startProgress } from '../progress';
import {
  HEARTBEAT_INTERVAL_MS,
  IMPORT_COLUMNS,
  importCsv,
  type HeartbeatChoice,
} from './import-csv';
import {
  loadTraffic,
  recordedTraffic,
  trafficPublisher,
  truthFileOf,
  writeGeneratedTraffic,
} from './traffic-io';
import { writeImportedTraffic } from './write-imported';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function parseHeartbeats(raw: string): HeartbeatChoice {
  if (raw === 'synth' || raw === 'none') return raw;
  throw new Error(`--heartbeats must be synth or none, got '${raw}'`);
}

/** `scenarios`, `generate` and `replay`: traffic as files (issue 5). */
export function registerTraffic(program: Command): void {
  program
    .command('scenarios')
    .description('list the named scenarios')
    .option('--json', 'as JSON')
    .action((opts: { json?: boolean }) => {
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(SCENARIOS, null, 2)}\n`);
        return;
      }
      const width = Math.max(...SCENARIOS.map((s) => s.name.length));
      for (const s of SCENARIOS)
        console.log(
          `${s.name.padEnd(width)}  ${(s.durationMinutes / 60).toFixed(1).padStart(5)} h  ${s.description}`,
        );
    });

  program
    .command('generate')
    .description(
      "write a scenario's traffic (both countries) to a traffic file, its truth to FILE.truth.jsonl",
    )
    .requiredOption('--out <file>', 'traffic file to write')
    .option('--scenario <name|path>', SCENARIO_OPTION_HELP, 'demo')
    .option('--seed <n>', 'seed', parseCount('--seed', 0, 2 ** 32 - 1), 42)
    .option('--noise <factor>', 'noise factor: 0 none, 1 as defined, 2 double', parseNoise, 1)
    .action((opts: { out: string; scenario: string; seed: number; noise: number }) => {
      const started = performance.now();
      const rssStart = process.memoryUsage().rss;
      const resolved = resolveScenario(opts.scenario);
      const scenario = withNoiseScale(resolved.scenario, opts.noise);
      const header = writeGeneratedTraffic(
        opts.out,
        scenario,
        opts.seed,
        opts.noise,
        AvroCodec.load(),
        resolved.file,
      );
      const rssEnd = process.memoryUsage().rss;
      console.log(
        `${opts.out}: ${header.written} messages of scenario ${resolved.scenario.name}${resolved.file ? ` (${resolved.file.path})` : ''} (seed ${opts.seed}, noise ×${opts.noise}), ${mib(statSync(opts.out).size)}, ` +
          `${header.truthFile ? `truth in ${header.truthFile}` : 'no truth written (longer than a week: the truth needs the whole world in memory)'}; ` +
          `${((performance.now() - started) / 1000).toFixed(1)} s, RSS ${mib(rssStart)} → ${mib(rssEnd)}`,
      );
    });

  program
    .command('replay')
    .description(
      'publish a traffic file into the Kafka of KAFKA_BROKERS (topics under TOPIC_PREFIX), in its order and spacing scaled by --speed; checked whole before anything is sent',
    )
    .argument('<file>', 'traffic file')
    .option(
      '--speed <x|max>',
      'traffic seconds per wall second, or max',
      parseSpeed,
      1 as number | 'max',
    )
    .option('--skip-bad', 'report and leave out bad records instead of refusing the file')
    .action(async (file: string, opts: { speed: number | 'max'; skipBad?: boolean }) => {
      const partitions = Number(process.env.PARTITIONS ?? 3);
      // The file carries the catalog's ids; what is sent is framed as the deployment's codec frames.
      const traffic = loadTraffic(file, AvroCodec.load(), opts.skipBad);
      const codec = await codecFromEnvironment();
      for (const bad of traffic.skipped)
        console.log(`skipped ${file}: ${bad.position}: ${bad.reason}`);
      const kafka = cliKafka(
        'replay (to go through a local stack and the reconciler, use simulate --traffic)',
        'uamd-replay',
      );
      const topics = topicNames(process.env.TOPIC_PREFIX ?? '');
      await ensureTopics(kafka, allTopics(topics), partitions);
      const producer = await KafkaEventProducer.connect(kafka);
      try {
        const publisher = trafficPublisher(traffic, {
          producer,
          codec,
          topics,
          partitions,
          speed: opts.speed,
        });
        const started = performance.now();
        const stopProgress = startProgress('replayed', () => ({
          done: publisher.progress().published,
          total: traffic.events.length,
          elapsedSeconds: (performance.now() - started) / 1000,
        }));
        publisher.start();
        try {
          await publisher.done;
        } finally {
          stopProgress();
        }
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `${file}: ${traffic.events.length} messages replayed in ${seconds.toFixed(1)} s at speed ${opts.speed}`,
        );
      } finally {
        await producer.disconnect();
      }
    });

  program
    .command('import-csv')
    .description(
      `turn a partner export of plate reads into a traffic file: a CSV with a header row, or JSON lines (.jsonl, one object per line) with the same keys; columns ${IMPORT_COLUMNS.join(', ')} (the first five required); the partner's ids, sequences and delivery order (delivered_at) are kept when given`,
    )
    .argument('<file>', 'CSV file with a header row, or a .jsonl/.ndjson file')
    .requiredOption('--out <file>', 'traffic file to write')
    .option(
      '--heartbeats <synth|none>',
      `synth: add heartbeats every ${HEARTBEAT_INTERVAL_MS / 1000} s for every camera and declaration feed of the posts present, for simulate --traffic and replay; none: the reads as sent (lanes and cameras outside the registry kept), for uamd conformance`,
      parseHeartbeats,
      'synth' as HeartbeatChoice,
    )
    .option('--skip-bad', 'report and leave out bad rows instead of refusing the file')
    .action(
      (file: string, opts: { out: string; heartbeats: HeartbeatChoice; skipBad?: boolean }) => {
        const imported = importCsv(file, { skipBad: opts.skipBad, heartbeats: opts.heartbeats });
        for (const bad of imported.skipped)
          console.log(`skipped ${file}:${bad.line}: ${bad.reason}`);
        if (imported.skippedCount > imported.skipped.length)
          console.log(
            `skipped ${file}: … and ${imported.skippedCount - imported.skipped.length} more rows, not listed`,
          );
        for (const kept of imported.keptAsSent)
          console.log(`kept as sent ${file}:${kept.line}: ${kept.reason}`);
        if (imported.keptAsSentCount > imported.keptAsSent.length)
          console.log(
            `kept as sent ${file}: … and ${imported.keptAsSentCount - imported.keptAsSent.length} more rows, not listed`,
          );
        const codec = AvroCodec.load();
        const header = writeImportedTraffic(opts.out, file, imported, codec);
        // Only generate writes a truth; one left from an earlier generate to this path is not this file's.
        rmSync(truthFileOf(opts.out), { force: true });
        const delivery =
          imported.delivery === 'as-sent'
            ? 'in their delivery order (delivered_at)'
            : 'delivered at capture, in capture order';
        const heartbeats =
          imported.heartbeats === 'synthesised'
            ? `heartbeats synthesised every ${HEARTBEAT_INTERVAL_MS / 1000} s`
            : 'no heartbeats (as sent: for uamd conformance, not simulate)';
        console.log(
          `${opts.out}: ${header.written} messages (${imported.reads} plate reads from ${file}, ${delivery}; ${heartbeats}), ${imported.skippedCount} rows skipped`,
        );
      },
    );

  program
    .command('record')
    .description(
      "capture both countries' input topics of the Kafka at KAFKA_BROKERS (under TOPIC_PREFIX) between two times into a traffic file",
    )
    .requiredOption(
      '--from <time>',
      'ISO-8601 time or epoch ms (Kafka timestamps)',
      parseTime('--from'),
    )
    .requiredOption(
      '--to <time>',
      'ISO-8601 time or epoch ms; a future time waits for it',
      parseTime('--to'),
    )
    .requiredOption('--out <file>', 'traffic file to write')
    .action(async (opts: { from: number; to: number; out: string }) => {
      if (opts.to < opts.from) throw new Error('--to must not be before --from');
      const prefix = process.env.TOPIC_PREFIX ?? '';
      const brokers = requireBrokers('record');
      const kafka = cliKafka('record', 'uamd-record');
      const captured = await readTopicRange(kafka, {
        topics: inputTopics(topicNames(prefix)),
        from: opts.from,
        to: opts.to,
        groupId: cliGroupId('record'),
      });
      const codec = await codecFromEnvironment();
      await codec.learnIds(captured.map((r) => r.value));
      const { records, undecodable } = recordedTraffic(captured, prefix, codec, AvroCodec.load());
      const header = writeTrafficFile(
        opts.out,
        {
          source: 'record',
          origin: `${prefix || ''}{ua,md}.* on ${brokers.join(',')}`,
          start: opts.from,
          end: opts.to,
        },
        records,
      );
      console.log(
        `${opts.out}: ${header.records} messages recorded from ${new Date(opts.from).toISOString()} to ${new Date(opts.to).toISOString()}` +
          (undecodable > 0 ? `; ${undecodable} undecodable messages left out` : ''),
      );
    });
}
