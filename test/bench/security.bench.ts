import { type LocalKafka, principalEnv, startKafkaBroker } from '@uamd/local-stack';
import { kafkaSecurityFromEnv } from '@uamd/messaging';
import { benchDrainThroughput, type DrainSecurity, type DrainThroughput } from './drain.bench';

export interface SecurityCostFigures {
  rounds: number;
  /** Each figure the fastest of its rounds: a busy machine only ever adds time. */
  plaintext: DrainThroughput;
  secure: DrainThroughput;
  /** Secure ÷ plaintext reconciler drain rate of each round, to show the spread. */
  drainRatios: number[];
}

type Side = 'plaintext' | 'secure';

/**
 * Issue 13: what SASL/SCRAM-SHA-512 over TLS costs the drain. Two brokers of this bench's own, a
 * plaintext and a sasl_ssl one, both up for both drains so each runs beside the same idle JVM;
 * the same backlog (one volume factor, one seed) drained on each. On the secure one admin (a
 * super user) produces and both consumers log in as the reconciler, held to the exchange's ACLs.
 * The drains alternate for `rounds` rounds (P S, S P, P S, …) so a neighbour's burst of work
 * lands on both sides rather than on one.
 */
export async function benchSecurityCost(
  redisUrl: string,
  volumeFactor: number,
  rounds: number,
  log: (line: string) => void,
): Promise<SecurityCostFigures> {
  const brokers = await startBrokers(log);
  // Last resort should the process exit without reaching the finally.
  const onExit = (): void => brokers.forEach((b) => b.stopSync());
  process.on('exit', onExit);
  try {
    const [plain, secure] = brokers as [LocalKafka, LocalKafka];
    const options = { security: drainSecurity(secure) };
    const drain = (side: Side, factor: number, to: (line: string) => void) =>
      side === 'plaintext'
        ? benchDrainThroughput(plain.brokers, redisUrl, factor, to)
        : benchDrainThroughput(secure.brokers, redisUrl, factor, to, options);
    // A small drain on each first warms this process (codec, kafkajs, reconciler, TLS) and both
    // JVMs, so the first measured drain does not pay for what the second finds done.
    for (const side of ['plaintext', 'secure'] as const) await drain(side, 1, () => undefined);
    log(`plaintext broker ${plain.brokers.join(',')}, sasl_ssl broker ${secure.brokers.join(',')}`);
    const runs: Record<Side, DrainThroughput[]> = { plaintext: [], secure: [] };
    for (let round = 0; round < rounds; round++) {
      const order: Side[] = round % 2 === 0 ? ['plaintext', 'secure'] : ['secure', 'plaintext'];
      for (const side of order)
        runs[side].push(
          await drain(side, volumeFactor, (line) => log(`${side} ${round + 1}: ${line}`)),
        );
    }
    return {
      rounds,
      plaintext: fastest(runs.plaintext),
      secure: fastest(runs.secure),
      drainRatios: runs.plaintext.map(
        (p, i) => p.reconcilerSeconds / runs.secure[i]!.reconcilerSeconds,
      ),
    };
  } finally {
    await Promise.all(brokers.map((b) => b.stop()));
    process.off('exit', onExit);
  }
}

/** Each timing at its least disturbed round; events and crossings are the same in every round. */
function fastest(runs: readonly DrainThroughput[]): DrainThroughput {
  const least = (pick: (f: DrainThroughput) => number) => Math.min(...runs.map(pick));
  return {
    ...runs[0]!,
    produceSeconds: least((f) => f.produceSeconds),
    bareSeconds: least((f) => f.bareSeconds),
    reconcilerSeconds: least((f) => f.reconcilerSeconds),
  };
}

/** Both brokers, started side by side; if either fails the other is stopped before rethrowing. */
async function startBrokers(log: (line: string) => void): Promise<LocalKafka[]> {
  const started = await Promise.allSettled(
    (['plaintext', 'sasl_ssl'] as const).map((security) =>
      startKafkaBroker({
        security,
        // Its start and stop milestones would bury the figures: errors and ACL refusals only.
        log: (line) => {
          if (/\] (ERROR|FATAL) | is Denied /.test(line)) log(`${security} broker: ${line}`);
        },
      }),
    ),
  );
  const up = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(up.map((b) => b.stop()));
    throw failed.reason;
  }
  return up;
}

/** Admin sets up and produces; both consumers log in as the reconciler service does, from its environment. */
function drainSecurity(broker: LocalKafka): DrainSecurity {
  const material = broker.secure;
  if (!material) throw new Error('bench: a sasl_ssl broker must return its material');
  return {
    admin: kafkaSecurityFromEnv(principalEnv(material, 'admin')),
    reconciler: kafkaSecurityFromEnv(principalEnv(material, 'reconciler')),
  };
}

/** The figures as printed lines: rates on each broker and secure ÷ plaintext (below 1 is the cost). */
export function securityCostLines({
  rounds,
  plaintext,
  secure,
  drainRatios,
}: SecurityCostFigures): string[] {
  const row = (label: string, seconds: (f: DrainThroughput) => number) => {
    const cell = (f: DrainThroughput) =>
      `${Math.round(f.events / seconds(f)).toLocaleString('en')} /s (${seconds(f).toFixed(2)} s)`;
    // Same events on both, so the ratio of rates is the inverse ratio of times.
    const ratio = seconds(plaintext) / seconds(secure);
    return `${label.padEnd(29)}${cell(plaintext).padEnd(24)}${cell(secure).padEnd(24)}${ratio.toFixed(3)}`;
  };
  const ratio = (f: DrainThroughput) => (f.bareSeconds / f.reconcilerSeconds).toFixed(3).padEnd(24);
  return [
    `fastest of ${rounds} round${rounds === 1 ? '' : 's'}`.padEnd(29) +
      `${'plaintext'.padEnd(24)}${'sasl_ssl'.padEnd(24)}secure / plaintext`,
    `${'backlog'.padEnd(29)}${`${plaintext.events} events`.padEnd(24)}${secure.events} events`,
    row('batched idempotent produce', (f) => f.produceSeconds),
    row('bare kafkajs eachBatch', (f) => f.bareSeconds),
    row('reconciler drain', (f) => f.reconcilerSeconds),
    `${'reconciler / bare consumer'.padEnd(29)}${ratio(plaintext)}${ratio(secure)}`.trimEnd(),
    `${'crossings matched'.padEnd(29)}${String(plaintext.crossings).padEnd(24)}${secure.crossings}`,
    `${'drain ratio per round'.padEnd(29)}${drainRatios.map((r) => r.toFixed(3)).join(', ')}`,
  ];
}
