import {
  STACK_DEFAULTS,
  stackDown,
  stackIsUp,
  stackStatus,
  stackUp,
  type StackStatus,
  useStackDefaults,
} from '@uamd/local-stack';
import { type Command } from 'commander';
import { parseCount } from '../cli-options';

/** Commands that talk to a running broker: they use `stack up`'s addresses when KAFKA_BROKERS is unset. */
export const STACK_USERS: ReadonlySet<string> = new Set([
  'replay',
  'record',
  'latency',
  'tail',
  'conformance',
]);

/** Of STACK_USERS, those that only read the reconciler's outputs. */
const OBSERVERS: ReadonlySet<string> = new Set(['latency', 'tail']);

const port = (flag: string) => parseCount(flag, 1, 65_535);

/** `stack up|down|status`: a local Kafka (and Redis when none answers) that outlives the command. */
export function registerStack(program: Command): void {
  const stack = program
    .command('stack')
    .description(
      'a local Kafka broker (and Redis when none answers) for the services, replay and record; its addresses go to .cache/stack/stack.json',
    );

  stack
    .command('up')
    .description('start the local stack and wait until it answers (does nothing if it runs)')
    .option(
      '--kafka-port <port>',
      'Kafka client port',
      port('--kafka-port'),
      STACK_DEFAULTS.kafkaPort,
    )
    .option(
      '--controller-port <port>',
      'KRaft controller port',
      port('--controller-port'),
      STACK_DEFAULTS.controllerPort,
    )
    .option(
      '--redis-port <port>',
      'Redis port: used if a Redis answers there, else one is started on it',
      port('--redis-port'),
      STACK_DEFAULTS.redisPort,
    )
    .action(async (opts: { kafkaPort: number; controllerPort: number; redisPort: number }) => {
      console.error('[stack] starting Kafka (a JVM, 10–30 s) …');
      const result = await stackUp(opts);
      const { kafka, redis } = result.record;
      console.log(
        `${result.started ? 'started' : 'already running'}: KAFKA_BROKERS=${kafka.brokers.join(',')} (pid ${kafka.pid}${kafka.secureDir ? ', SASL_SSL with the exchange ACLs' : ''}) ` +
          `REDIS_URL=${redis.url}${redis.pid === undefined ? ' (existing)' : ` (pid ${redis.pid})`}; recorded in ${result.file}`,
      );
    });

  stack
    .command('down')
    .description('stop what `stack up` started (an existing Redis is left alone)')
    .option('--purge', 'also delete the broker data and logs')
    .action(async (opts: { purge?: boolean }) => {
      const result = await stackDown(opts);
      if (result.wasDown) console.log('no stack was recorded as running');
      else
        console.log(
          `stopped ${result.stopped.join(', ') || 'nothing (its processes had already gone)'}`,
        );
    });

  stack
    .command('status')
    .description('whether the stack runs and answers (exit code 0 up, 3 down)')
    .option('--json', 'as JSON')
    .action(async (opts: { json?: boolean }) => {
      const status = await stackStatus();
      if (opts.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      else console.log(describe(status));
      if (!stackIsUp(status)) process.exitCode = 3;
    });
}

function describe(status: StackStatus): string {
  if (!status.record) return `down (no ${status.file}); start it with \`uamd stack up\``;
  const { kafka, redis } = status.record;
  const state = (s: { running: boolean; answers: boolean } | undefined): string =>
    s?.running && s.answers ? 'up' : s?.running ? 'running, not answering' : 'not running';
  return [
    `kafka ${kafka.brokers.join(',')}  pid ${kafka.pid}  ${state(status.kafka)}  log ${kafka.logFile}`,
    `redis ${redis.url}  ${redis.pid === undefined ? 'existing' : `pid ${redis.pid}`}  ${state(status.redis)}`,
  ].join('\n');
}

/** Called before every command: the broker commands pick up the stack's addresses. */
export function applyStackFor(commandName: string): void {
  if (!STACK_USERS.has(commandName)) return;
  // The output readers log in read-only; the others (replay, record, conformance of the inputs)
  // act for both sides of a local exchange, as its admin.
  const used = useStackDefaults(process.env, OBSERVERS.has(commandName) ? 'observer' : 'admin');
  if (used) console.error(`[stack] ${used}`);
}
