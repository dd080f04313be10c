import { startLocalStack } from '@uamd/local-stack';
import { benchDecide } from './decide.bench';
import { benchDrain } from './drain.bench';
import { benchOpenLoopLatency, type LatencyRun } from './latency.bench';
import { benchMatching } from './matching.bench';
import { benchReplay } from './replay.bench';
import { benchMonthStream } from './month-stream.bench';
import { benchSecurityCost, securityCostLines } from './security.bench';

/** The bench's own stack stays plaintext whatever the default: the security section compares the two. */
const PLAINTEXT_STACK = { kafka: { security: 'plaintext' } } as const;

/** `npm run bench`: prints figures, asserts nothing about time (the machine is noisy; compare ratios of one run). */
async function main(): Promise<void> {
  const volumeFactor = Number(process.env.BENCH_VOLUME_FACTOR ?? 40);
  // `BENCH_ONLY=latency` runs that part alone (its figures still need comparing within one run).
  if (process.env.BENCH_ONLY === 'latency') return latencyOnly();
  // `BENCH_ONLY=security` likewise for the TLS+SASL cost, beside the same plaintext stack.
  if (process.env.BENCH_ONLY === 'security') return securityOnly(volumeFactor);
  // `BENCH_ONLY=decide`: the pure decider alone, no broker (issue 14 item 2).
  if (process.env.BENCH_ONLY === 'decide') return void printDecide(volumeFactor);
  console.log(
    'matching quality (evaluate offline, issue 4 targets: precision >= 0.999, recall >= 0.99 at noise x1)',
  );
  benchMatching((line) => console.log(`  ${line}`));
  console.log('generator memory (issue 5)');
  benchMonthStream((line) => console.log(`  ${line}`));
  console.log('');
  printDecide(volumeFactor);
  console.log('');
  const stack = await startLocalStack(PLAINTEXT_STACK);
  try {
    const log = (line: string) => console.log(`  ${line}`);
    console.log(`bench: Kafka ${stack.brokers.join(',')}, Redis ${stack.redisUrl}`);
    console.log('replay (issue 5)');
    await benchReplay(stack.brokers, stack.redisUrl, log);
    console.log('');
    console.log(
      'match latency, open loop (issue 11 targets: p99 <= 20 ms at 1,000 events/s, <= 60 ms at 10,000)',
    );
    await benchOpenLoopLatency(stack.brokers, stack.redisUrl, LATENCY_RUNS, log);
    console.log('');
    const f = await benchDrain(stack.brokers, stack.redisUrl, volumeFactor, log);
    const rate = (seconds: number) => Math.round(f.events / seconds);
    console.log('');
    console.log(
      `backlog                      ${f.events} input events (${f.crossings} crossings matched)`,
    );
    console.log(
      `batched idempotent produce   ${rate(f.produceSeconds).toLocaleString('en')} events/s (${f.produceSeconds.toFixed(2)} s)`,
    );
    console.log(
      `bare kafkajs eachBatch       ${rate(f.bareSeconds).toLocaleString('en')} events/s (${f.bareSeconds.toFixed(2)} s)`,
    );
    console.log(
      `reconciler drain             ${rate(f.reconcilerSeconds).toLocaleString('en')} events/s (${f.reconcilerSeconds.toFixed(2)} s)`,
    );
    console.log(`reconciler / bare consumer   ${(f.bareSeconds / f.reconcilerSeconds).toFixed(3)}`);
    console.log(
      `drain with metrics on         ${rate(f.meteredSeconds).toLocaleString('en')} events/s (${f.meteredSeconds.toFixed(2)} s; ${(100 * (f.meteredSeconds / f.reconcilerSeconds - 1)).toFixed(1)}% slower than off)`,
    );
    console.log(
      `the merge alone              ${rate(f.alignerSeconds).toLocaleString('en')} events/s (${f.alignerSeconds.toFixed(3)} s, ${((100 * f.alignerSeconds) / f.reconcilerSeconds).toFixed(1)}% of the drain)`,
    );
    const h = f.heldBack;
    console.log(
      `drain with ${h.topic} held back ${rate(h.seconds).toLocaleString('en')} events/s (${h.seconds.toFixed(2)} s incl. 5 s held), peak ${h.peakBuffered.toLocaleString('en')} records buffered, RSS ${h.rssBeforeMb} -> ${h.peakRssMb} MB`,
    );
    console.log('');
    await printSecurityCost(stack.redisUrl, volumeFactor);
  } finally {
    await stack.stop();
  }
}

const LATENCY_RUNS: LatencyRun[] = [
  { scenario: 'demo', speed: 1_000, target: '20 ms' },
  // The same traffic with feeds heartbeating 3 and 6 times as often: the merge's wait for quiet
  // inputs is bounded by one interval ÷ speed, which these runs show directly.
  { scenario: 'demo', speed: 1_000, target: '20 ms', heartbeatSeconds: 10 },
  { scenario: 'demo', speed: 1_000, target: '20 ms', heartbeatSeconds: 5 },
  { scenario: 'weekday', speed: 10_000, target: '60 ms' },
];

async function latencyOnly(): Promise<void> {
  const stack = await startLocalStack(PLAINTEXT_STACK);
  try {
    await benchOpenLoopLatency(stack.brokers, stack.redisUrl, LATENCY_RUNS, (line) =>
      console.log(`  ${line}`),
    );
  } finally {
    await stack.stop();
  }
}

/** The decide phase alone: what the drain could reach if Kafka, Avro and Redis cost nothing. */
function printDecide(volumeFactor: number): void {
  console.log(
    `the decider alone (issue 14 item 2): the drain backlog at x${volumeFactor}, merged and cut into the runtime's runs, no Kafka, Avro or Redis in the timed loop`,
  );
  benchDecide((line) => console.log(`  ${line}`), { volumeFactor, repeats: 3 });
}

async function printSecurityCost(redisUrl: string, volumeFactor: number): Promise<void> {
  // Alternating rounds (`BENCH_SECURITY_ROUNDS`, default 3): one pair is at the mercy of whatever
  // else the machine runs meanwhile.
  const rounds = Number(process.env.BENCH_SECURITY_ROUNDS ?? 3);
  console.log(
    `TLS+SASL cost (issue 13): produce and drain on a plaintext and a sasl_ssl broker of their own, volume x${volumeFactor}, ${rounds} alternating rounds`,
  );
  const figures = await benchSecurityCost(redisUrl, volumeFactor, rounds, (line) =>
    console.log(`  ${line}`),
  );
  console.log('');
  for (const line of securityCostLines(figures)) console.log(line);
}

async function securityOnly(volumeFactor: number): Promise<void> {
  const stack = await startLocalStack(PLAINTEXT_STACK);
  try {
    await printSecurityCost(stack.redisUrl, volumeFactor);
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
