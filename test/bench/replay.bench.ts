import { AvroCodec } from '@uamd/codec';
import { createKafka } from '@uamd/messaging';
import { scenarioByName } from '@uamd/traffic';
import Redis from 'ioredis';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchReconcilerRun } from './reconciler-run';

/**
 * Issue 5's replay target: a national day of traffic (the weekday scenario at target noise,
 * ~75,000 messages) replayed as fast as possible through the broker and the reconciler (Redis
 * included), timed from the first send until the reconciler has consumed every message.
 */
export async function benchReplay(
  brokers: string[],
  redisUrl: string,
  log: (line: string) => void,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'uamd-bench-replay-'));
  const codec = AvroCodec.load();
  const kafka = createKafka({ brokers, clientId: 'bench-replay', quiet: true });
  const redis = new Redis(redisUrl);
  try {
    const file = join(dir, 'weekday.avro');
    const run = await benchReconcilerRun(
      { kafka, redis, codec },
      {
        file,
        scenario: scenarioByName('weekday'),
        name: 'bench-replay',
        id: Date.now().toString(36),
        speed: 'max',
      },
    );
    const n = run.events;
    log(
      `weekday traffic file: ${n.toLocaleString('en')} messages, ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB; generated in ${run.generateSeconds.toFixed(2)} s, read and checked in ${run.loadSeconds.toFixed(2)} s`,
    );
    log(
      `replay at max through broker + reconciler + Redis: ${run.totalSeconds.toFixed(2)} s (${Math.round(n / run.totalSeconds).toLocaleString('en')} messages/s; all sent after ${run.publishedSeconds.toFixed(2)} s; ${run.crossings} crossings) — target < 3 s for ~50,000`,
    );
  } finally {
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}
