import { AvroCodec, codecFromEnvironment, type TrafficHeader } from '@uamd/codec';
import { DEFAULT_MAX_PAST_MS, type CustomsConfig } from '@uamd/config';
import { startCustomsService } from '@uamd/customs-service';
import { DEFAULT_MATCHING_CONFIG, type Country, type MatchingConfig } from '@uamd/domain';
import {
  customsPrincipal,
  grantExchangeAcls,
  startLocalStack,
  type LocalStack,
  type ScramPrincipal,
} from '@uamd/local-stack';
import {
  allTopics,
  countryTopics,
  createKafka,
  KafkaEventProducer,
  type TopicNames,
  ensureTopics,
  inputTopics,
  topicNames,
  reachedEnds,
  SplitEventProducer,
  topicOffsets,
  type EventProducer,
} from '@uamd/messaging';
import { ReconcilerRuntime } from '@uamd/reconciler';
import { ReconcilerStateStore } from '@uamd/state-store';
import {
  generateWorld,
  resolveScenario,
  truthOf,
  withNoiseScale,
  type ScenarioFileRef,
} from '@uamd/traffic';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { type Kafka } from 'kafkajs';
import {
  loadTraffic,
  trafficPublisher,
  truthFileOf,
  type LoadedTraffic,
} from '../traffic/traffic-io';
import { join } from 'node:path';
import { type ProgressStream } from '../progress';
import { OutputRecorder } from './output-recorder';
import { summariseLatency, type LatencySummary } from './percentiles';
import { SimulationProgress } from './simulation-progress';
import { scenarioOfTraffic } from './traffic-source';
import { stackLogin } from './stack-login';

export interface SimulateOptions {
  /** A built-in scenario's name or the path of a scenario file (`resolveScenario`). */
  scenario: string;
  seed: number;
  /** Multiplies the scenario's noise (`withNoiseScale`): 0 none, 1 as defined, 2 double. */
  noise: number;
  speed: number | 'max';
  out: string;
  partitions: number;
  matching?: MatchingConfig;
  /** Replay this traffic file instead of running the two customs services (issue 5). */
  traffic?: string;
  /** With `traffic`: leave out bad records (reported) instead of refusing the file. */
  skipBad?: boolean;
  log: (line: string) => void;
  /** Where to show progress while the run publishes and drains (the CLI: stderr); none if unset. */
  progress?: ProgressStream;
}

export interface SimulationSummary {
  scenario: string;
  /** A scenario read from a file: its absolute path and SHA-256, for `evaluate` to re-read it. */
  scenarioFile?: ScenarioFileRef;
  seed: number;
  /** Noise factor: with scenario and seed, it regenerates the same world (`evaluate`). */
  noise: number;
  speed: number | 'max';
  wallSeconds: number;
  published: Record<Country, { total: number; byType: Record<string, number> }>;
  crossingsMatched: number;
  exitsStillPending: number;
  overdue: number;
  feedStaleAlarms: number;
  discrepancies: number;
  deadLettered: number;
  duplicateOutputsDropped: number;
  matchLatencyMs: LatencySummary;
  stack: { brokers: string[]; redisUrl: string; startedLocally: boolean; kafkaLogin: string };
  files: { crossings: string; latency: string; summary: string; truth: string | null };
  /** The traffic file replayed, when the run was `simulate --traffic`. */
  traffic?: { file: string; records: number; skipped: number; header: TrafficHeader };
}

const RUN_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function runId(): string {
  let id = '';
  for (let i = 0; i < 8; i++)
    id += RUN_ID_ALPHABET[Math.floor(Math.random() * RUN_ID_ALPHABET.length)];
  return id;
}

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`gave up after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `simulate`: a scenario end to end on real Kafka and Redis: both customs services publish
 * their side of one seeded world, the reconciler drains it, and the results land in a folder.
 * Each run uses its own topic prefix and Redis namespace, so runs never see each other.
 */
export async function runSimulation(options: SimulateOptions): Promise<SimulationSummary> {
  const started = Date.now();
  // A traffic file is read and checked whole before anything starts: a refused file sends nothing.
  // It carries the catalog's ids; the run itself frames as SCHEMA_REGISTRY_URL says.
  const traffic = options.traffic
    ? loadTraffic(options.traffic, AvroCodec.load(), options.skipBad)
    : null;
  const codec = await codecFromEnvironment();
  for (const bad of traffic?.skipped ?? [])
    options.log(`skipped ${options.traffic}: ${bad.position}: ${bad.reason}`);
  // Resolved (a file read and checked) before anything starts.
  const resolved = traffic ? null : resolveScenario(options.scenario);
  const scenarioName = traffic
    ? scenarioOfTraffic(options.traffic!, traffic.header)
    : (resolved?.scenario.name ?? options.scenario);
  if (traffic?.header.heartbeats === 'as-sent')
    options.log(
      `note: ${options.traffic} holds a partner's reads as sent, without heartbeats (import-csv --heartbeats none, for uamd conformance): the reconciler decides nothing until heartbeats vouch for the reads; import it with --heartbeats synth to simulate`,
    );
  const scenarioFile = (traffic ? traffic.header.scenarioFile : resolved?.file) ?? undefined;
  // The customs services resolve it again: a file by its absolute path.
  const serviceScenario = scenarioFile?.path ?? scenarioName;
  const seed = traffic ? (traffic.header.seed ?? 0) : options.seed;
  const noise = traffic ? (traffic.header.noise ?? 0) : options.noise;
  mkdirSync(options.out, { recursive: true });
  const files: SimulationSummary['files'] = {
    crossings: join(options.out, 'crossings.jsonl'),
    latency: join(options.out, 'latency.jsonl'),
    summary: join(options.out, 'summary.json'),
    truth: join(options.out, 'truth.jsonl'),
  };
  if (resolved) {
    const scenario = withNoiseScale(resolved.scenario, options.noise);
    writeFileSync(
      files.truth!,
      truthOf(generateWorld(scenario, options.seed))
        .map((t) => JSON.stringify(t))
        .join('\n') + '\n',
    );
  } else if (traffic?.header.scenario !== undefined && existsSync(truthFileOf(options.traffic!))) {
    // Only a generated file has a truth: one beside an imported or recorded file is left over.
    copyFileSync(truthFileOf(options.traffic!), files.truth!);
  } else {
    rmSync(files.truth!, { force: true });
    files.truth = null;
  }

  const stack = await startLocalStack();
  const id = runId();
  const prefix = `sim-${id}.`;
  const topics = topicNames(prefix);
  const namespace = `uamd:sim:${id}`;
  const kafkaAs: KafkaAs = (principal) =>
    createKafka({
      brokers: stack.brokers,
      clientId: `simulate-${id}-${principal}`,
      quiet: true,
      ...stackLogin(stack, principal),
    });
  // The run's own topics and ACLs, as the broker's admin; every part then logs in as itself.
  const kafka = kafkaAs('admin');
  const kafkaLogin = loginInWords(stack);
  const redis = new Redis(stack.redisUrl, { maxRetriesPerRequest: 3 });
  const cleanups: Array<() => Promise<void>> = [];
  const progress = new SimulationProgress(options.progress, options.log);
  try {
    options.log(
      `stack: Kafka ${stack.brokers.join(',')}${stack.startedKafka ? ' (started for this run)' : ''}, ${kafkaLogin}, Redis ${stack.redisUrl}`,
    );
    await ensureTopics(kafka, allTopics(topics), options.partitions);
    if (stack.secure) await grantExchangeAcls(kafka, { topicPrefix: prefix });
    const recorder = await OutputRecorder.start(
      kafkaAs('observer'),
      codec,
      topics,
      `${prefix}uamd-recorder`,
      files.crossings,
      files.latency,
    );
    cleanups.push(() => recorder.stop());
    const runtime = await ReconcilerRuntime.start({
      kafka: kafkaAs('reconciler'),
      redis,
      codec,
      topics,
      groupId: `${prefix}reconciler`,
      namespace,
      matching: options.matching ?? DEFAULT_MATCHING_CONFIG,
      log: (m) => progress.log(`reconciler: ${m}`),
    });
    cleanups.push(() => runtime.stop());

    const watch: PublishingWatch = (total, sent) =>
      progress.publishing({
        total,
        published: sent,
        outputs: () => recorder.result.byType,
        consumed: () => runtime.stats.consumed,
        latencies: () => recorder.result.latencies,
      });
    const published = traffic
      ? await replayInto(stack, kafkaAs, codec, topics, traffic, options, cleanups, watch)
      : await runCustomsServices(stack, topics, serviceScenario, options, cleanups, watch);

    const inputEnds = await topicOffsets(kafka, inputTopics(topics));
    const drained = () => {
      if (runtime.failure) throw new Error(`the reconciler stopped: ${runtime.failure.message}`);
      return reachedEnds(runtime.fetchedPositions(), inputEnds);
    };
    await until(drained, 'the reconciler to drain both countries’ topics', 120_000);
    await runtime.settled();
    await until(() => recorder.caughtUp(), 'the output reader to catch up', 60_000);
    progress.stop();
    const pending = runtime.pendingCounts();
    const stats = runtime.stats.snapshot();
    const recorded = recorder.result;
    const summary: SimulationSummary = {
      scenario: scenarioName,
      ...(scenarioFile ? { scenarioFile } : {}),
      seed,
      noise,
      speed: options.speed,
      wallSeconds: 0,
      published,
      crossingsMatched: recorded.byType.CrossingMatched,
      exitsStillPending: pending.exits,
      overdue: recorded.byType.CrossingOverdue,
      feedStaleAlarms: recorded.byType.FeedStale,
      discrepancies: recorded.byType.CrossingDiscrepancy,
      deadLettered: stats.deadLettered,
      duplicateOutputsDropped: recorded.duplicates,
      matchLatencyMs: summariseLatency(recorded.latencies),
      stack: {
        brokers: stack.brokers,
        redisUrl: stack.redisUrl,
        startedLocally: stack.startedKafka,
        kafkaLogin,
      },
      files,
      ...(traffic && options.traffic
        ? {
            traffic: {
              file: options.traffic,
              records: traffic.events.length,
              skipped: traffic.skipped.length,
              header: traffic.header,
            },
          }
        : {}),
    };
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
    await new ReconcilerStateStore(redis, namespace).wipe(options.partitions);
    summary.wallSeconds = Math.round((Date.now() - started) / 100) / 10;
    writeFileSync(files.summary, JSON.stringify(summary, null, 2) + '\n');
    return summary;
  } finally {
    progress.stop();
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((e: unknown) => options.log(`cleanup: ${String(e)}`));
    redis.disconnect();
    await stack.stop();
  }
}

/** How the run's parts log in to Kafka, in words for the log and the summary. */
function loginInWords(stack: LocalStack): string {
  if (stack.secure) return 'SASL_SSL, each part as its own principal under the exchange ACLs';
  return process.env.KAFKA_SASL_USERNAME?.trim()
    ? `SASL_SSL as ${process.env.KAFKA_SASL_USERNAME.trim()}`
    : 'plaintext';
}

type Published = SimulationSummary['published'];
/** A client of the run's broker logged in as `principal` (`stackLogin`). */
type KafkaAs = (principal: ScramPrincipal) => Kafka;
/** Called once publishing starts: how many messages in all, and how many sent so far per country. */
type PublishingWatch = (total: number, sent: () => Record<Country, number>) => void;

/** The two customs services publish their sides of the generated world (the default source). */
async function runCustomsServices(
  stack: LocalStack,
  topics: TopicNames,
  scenarioName: string,
  options: SimulateOptions,
  cleanups: Array<() => Promise<void>>,
  watch: PublishingWatch,
): Promise<Published> {
  const serviceConfig = (country: Country): CustomsConfig => ({
    country,
    brokers: stack.brokers,
    kafkaSecurity: stackLogin(stack, customsPrincipal(country)),
    port: 0,
    host: '127.0.0.1',
    topicPrefix: topics.crossings.slice(0, topics.crossings.indexOf('reconciler.')),
    partitions: options.partitions,
    scenario: scenarioName,
    seed: options.seed,
    noise: options.noise,
    speed: options.speed,
    simulate: true,
    maxFutureSkewMs: 300_000,
    maxPastMs: DEFAULT_MAX_PAST_MS,
    // The run publishes a generated world; its HTTP intakes take nothing without a token nobody has.
    intakeTokens: { [country]: randomBytes(24).toString('base64url') },
  });
  const [uaService, mdService] = await Promise.all([
    startCustomsService(serviceConfig('UA'), { quiet: true }),
    startCustomsService(serviceConfig('MD'), { quiet: true }),
  ]);
  cleanups.push(
    () => uaService.close(),
    () => mdService.close(),
  );
  options.log(
    `customs services: UA on :${uaService.port}, MD on :${mdService.port}; publishing ${scenarioName} (seed ${options.seed}, noise ×${options.noise}) at speed ${options.speed}`,
  );
  const [uaPublisher, mdPublisher] = [uaService.publisher!, mdService.publisher!];
  watch(uaPublisher.progress().total + mdPublisher.progress().total, () => ({
    UA: uaPublisher.progress().published,
    MD: mdPublisher.progress().published,
  }));
  const [ua, md] = await Promise.all([uaPublisher.done, mdPublisher.done]);
  return {
    UA: { total: ua.published, byType: ua.byType },
    MD: { total: md.published, byType: md.byType },
  };
}

/** `simulate --traffic`: the file's messages, both countries, in their order and spacing (scaled by speed). */
async function replayInto(
  stack: LocalStack,
  kafkaAs: KafkaAs,
  codec: AvroCodec,
  topics: TopicNames,
  traffic: LoadedTraffic,
  options: SimulateOptions,
  cleanups: Array<() => Promise<void>>,
  watch: PublishingWatch,
): Promise<Published> {
  const producer = await replayProducer(stack, kafkaAs, topics);
  cleanups.push(() => producer.disconnect());
  const publisher = trafficPublisher(traffic, {
    producer,
    codec,
    topics,
    partitions: options.partitions,
    speed: options.speed,
  });
  options.log(
    `replaying ${options.traffic} (${traffic.events.length} messages${traffic.header.scenario ? `, scenario ${traffic.header.scenario}` : ''}) at speed ${options.speed}`,
  );
  // The file's messages go out in order, so the count sent says how many of each country.
  const uaAmongFirst = new Uint32Array(traffic.events.length + 1);
  traffic.events.forEach(({ event }, i) => {
    uaAmongFirst[i + 1] = uaAmongFirst[i]! + (event.data.country === 'UA' ? 1 : 0);
  });
  watch(traffic.events.length, () => {
    const sent = publisher.progress().published;
    return { UA: uaAmongFirst[sent]!, MD: sent - uaAmongFirst[sent]! };
  });
  publisher.start();
  await publisher.done;
  const published: Published = {
    UA: { total: 0, byType: {} },
    MD: { total: 0, byType: {} },
  };
  for (const { event } of traffic.events) {
    const side = published[event.data.country];
    side.total += 1;
    side.byType[event.type] = (side.byType[event.type] ?? 0) + 1;
  }
  return published;
}

/**
 * Who sends a replayed file: on a secured local broker each country's records go through that
 * administration's own login (neither may write the other's topics), else one producer for both.
 */
async function replayProducer(
  stack: LocalStack,
  kafkaAs: KafkaAs,
  topics: TopicNames,
): Promise<EventProducer> {
  if (!stack.secure) return KafkaEventProducer.connect(kafkaAs('admin'));
  const [ua, md] = await Promise.all([
    KafkaEventProducer.connect(kafkaAs('ua-customs')),
    KafkaEventProducer.connect(kafkaAs('md-customs')),
  ]);
  const uaTopics = new Set(countryTopics(topics, 'UA'));
  return new SplitEventProducer((topic) => (uaTopics.has(topic) ? ua : md), [ua, md]);
}
