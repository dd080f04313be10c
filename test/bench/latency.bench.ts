import { AvroCodec } from '@uamd/codec';
import { createKafka } from '@uamd/messaging';
import { scenarioByName } from '@uamd/traffic';
import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReconcilerMetrics } from '../../apps/reconciler/src/metrics/reconciler.metrics';
import { benchReconcilerRun } from './reconciler-run';

export interface LatencyRun {
  scenario: string;
  speed: number;
  target: string;
  /**
   * Heartbeat interval of every feed in simulated seconds (default: the scenario's, 30). The
   * merge holds a completing read until every other input of its partition has shown as late a
   * time (docs/design.md §3), so on quiet feeds the wait is up to one interval ÷ speed.
   */
  heartbeatSeconds?: number;
}

/**
 * Issue 11's targets: match latency under open-loop load. A scenario's traffic is published on
 * its own schedule (speed × its real pace), so the event rate is set by the traffic, not by how
 * fast the reconciler keeps up; latency starts at each input's scheduled send (no coordinated
 * omission) and is measured by the reconciler app's own metrics, per crossing point and route.
 */
export async function benchOpenLoopLatency(
  brokers: string[],
  redisUrl: string,
  runs: ReadonlyArray<LatencyRun>,
  log: (line: string) => void,
): Promise<void> {
  const codec = AvroCodec.load();
  const kafka = createKafka({ brokers, clientId: 'bench-latency', quiet: true });
  const redis = new Redis(redisUrl);
  const dir = mkdtempSync(join(tmpdir(), 'uamd-bench-latency-'));
  try {
    for (const run of runs) {
      const scenario = scenarioByName(run.scenario);
      const heartbeats = run.heartbeatSeconds ?? scenario.heartbeatIntervalSeconds;
      const metrics = new ReconcilerMetrics();
      const figures = await benchReconcilerRun(
        { kafka, redis, codec },
        {
          file: join(dir, `${run.scenario}.avro`),
          scenario: { ...scenario, heartbeatIntervalSeconds: heartbeats },
          name: 'bench-lat',
          id: `${run.scenario}-${run.speed}-${heartbeats}-${Date.now().toString(36)}`,
          speed: run.speed,
          observer: metrics,
        },
      );
      const n = figures.events;
      const seconds = figures.publishedSeconds;
      const all = metrics.histograms.percentiles();
      log(
        `${run.scenario} at ×${run.speed}, heartbeats every ${heartbeats} s (${((1000 * heartbeats) / run.speed).toFixed(0)} ms wall): ${n.toLocaleString('en')} events in ${seconds.toFixed(1)} s (${Math.round(n / seconds).toLocaleString('en')} events/s open loop), ${figures.crossings} crossings; match latency over all p50 ${all.p50} ms, p99 ${all.p99} ms, p99.9 ${all.p999} ms, max ${all.max} ms (target p99 ${run.target})`,
      );
      for (const key of metrics.histograms.keys().filter((k) => k.startsWith('match '))) {
        const p = metrics.histograms.percentiles(key);
        log(
          `  ${key.slice('match '.length).padEnd(36)} n ${String(p.count).padStart(5)}  p50 ${p.p50}  p90 ${p.p90}  p99 ${p.p99}  max ${p.max} ms`,
        );
      }
    }
  } finally {
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}
