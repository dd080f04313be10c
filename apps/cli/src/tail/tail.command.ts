import { codecFromEnvironment } from '@uamd/codec';
import { latencyOfOutput } from '@uamd/latency';
import { recordHeaders, topicNames } from '@uamd/messaging';
import { cliGroupId, cliKafka } from '../cli-kafka';
import { type Command } from 'commander';
import { type KafkaMessage } from 'kafkajs';
import { parseCount } from '../cli-options';
import { crossingsLine } from '../simulate/crossings-line';
import { outputLine } from './output-line';

interface TailOptions {
  fromBeginning?: boolean;
  json?: boolean;
  count?: number;
  timeout?: number;
}

/** `tail`: follows the reconciler's output topics, decoded, until Ctrl-C (or --count outputs). */
export function registerTail(program: Command): void {
  program
    .command('tail')
    .description(
      "follow the reconciler's crossings and alerts on KAFKA_BROKERS (under TOPIC_PREFIX), decoded, one line each",
    )
    .option('--from-beginning', 'start at the first output, not at the end')
    .option('--json', 'one crossings.jsonl line per output')
    .option('--count <n>', 'stop after this many outputs', parseCount('--count', 1, 1e9))
    .option(
      '--timeout <s>',
      'give up (exit code 1) after this many seconds',
      parseCount('--timeout', 1, 86_400),
    )
    .action((opts: TailOptions) => tail(opts));
}

async function tail(opts: TailOptions): Promise<void> {
  const codec = await codecFromEnvironment();
  const topics = topicNames(process.env.TOPIC_PREFIX ?? '');
  const kafka = cliKafka('tail', 'uamd-tail');
  const consumer = kafka.consumer({
    groupId: cliGroupId('tail'),
    maxWaitTimeInMs: 100,
  });
  let seen = 0;
  let finish: (outcome: 'done' | 'timeout' | 'signal') => void = () => undefined;
  const finished = new Promise<'done' | 'timeout' | 'signal'>((resolve) => (finish = resolve));
  const onSignal = () => finish('signal');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const timer =
    opts.timeout === undefined
      ? undefined
      : setTimeout(() => finish('timeout'), opts.timeout * 1000);

  const print = (message: KafkaMessage): void => {
    const { event } = codec.decodeOutput(message.value);
    const sample = latencyOfOutput(
      message.key?.toString() ?? '',
      recordHeaders(message.headers),
      Number(message.timestamp),
    );
    console.log(opts.json ? crossingsLine(event) : outputLine(event, sample?.ms));
    seen += 1;
    if (opts.count !== undefined && seen >= opts.count) finish('done');
  };
  try {
    await consumer.connect();
    await consumer.subscribe({
      topics: [topics.crossings, topics.alerts],
      fromBeginning: Boolean(opts.fromBeginning),
    });
    await consumer.run({
      eachMessage: ({ message }) => {
        if (opts.count === undefined || seen < opts.count) print(message);
        return Promise.resolve();
      },
    });
    const outcome = await finished;
    if (outcome === 'timeout') {
      console.error(
        `tail: ${seen} output(s) within ${opts.timeout} s${opts.count ? `, ${opts.count} wanted` : ''}`,
      );
      process.exitCode = 1;
    }
  } finally {
    if (timer) clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await consumer.disconnect();
  }
}
