import { AvroCodec } from '@uamd/codec';
import { DEFAULT_MATCHING_CONFIG } from '@uamd/domain';
import {
  allTopics,
  createKafka,
  ensureTopics,
  KafkaEventProducer,
  topicNames,
} from '@uamd/messaging';
import { ReconcilerRuntime } from '@uamd/reconciler';
import { ReconcilerStateStore } from '@uamd/state-store';
import { scenarioByName } from '@uamd/traffic';
import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReconcilerMetrics } from '../../apps/reconciler/src/metrics/reconciler.metrics';
import {
  loadTraffic,
  trafficPublisher,
  writeGeneratedTraffic,
} from '../../apps/cli/src/traffic/traffic-io';
import { untilTrue } from './drain.bench';

const PARTITIONS = 3;

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
      const file = join(dir, `${run.scenario}.avro`);
      const scenario = scenarioByName(run.scenario);
      const heartbeats = run.heartbeatSeconds ?? scenario.heartbeatIntervalSeconds;
      writeGeneratedTraffic(
        file,
        { ...scenario, heartbeatIntervalSeconds: heartbeats },
        42,
        1,
        codec,
      );
      const traffic = loadTraffic(file, codec);
      const id = `${run.scenario}-${run.speed}-${heartbeats}-${Date.now().toString(36)}`;
      const topics = topicNames(`bench-lat-${id}.`);
      const namespace = `bench-lat:${id}`;
      await ensureTopics(kafka, allTopics(topics), PARTITIONS);
      const metrics = new ReconcilerMetrics();
      const runtime = await ReconcilerRuntime.start({
        kafka,
        redis,
        codec,
        topics,
        groupId: `bench-lat-${id}`,
        namespace,
        matching: DEFAULT_MATCHING_CONFIG,
        observer: metrics,
      });
      await untilTrue(
        () => runtime.assignment.length > 0,
        30_000,
        () => 'the reconciler group join',
      );
      const producer = await KafkaEventProducer.connect(kafka);
      const publisher = trafficPublisher(traffic, {
        producer,
        codec,
        topics,
        partitions: PARTITIONS,
        speed: run.speed,
      });
      const started = performance.now();
      publisher.start();
      await publisher.done;
      const seconds = (performance.now() - started) / 1000;
      await untilTrue(
        () => runtime.stats.consumed >= traffic.events.length,
        120_000,
        () => `the reconciler (${JSON.stringify(runtime.stats.snapshot())})`,
      );
      await runtime.settled();
      const n = traffic.events.length;
      const all = metrics.histograms.percentiles();
      log(
        `${run.scenario} at ×${run.speed}, heartbeats every ${heartbeats} s (${((1000 * heartbeats) / run.speed).toFixed(0)} ms wall): ${n.toLocaleString('en')} events in ${seconds.toFixed(1)} s (${Math.round(n / seconds).toLocaleString('en')} events/s open loop), ${runtime.stats.outputs.CrossingMatched} crossings; match latency over all p50 ${all.p50} ms, p99 ${all.p99} ms, p99.9 ${all.p999} ms, max ${all.max} ms (target p99 ${run.target})`,
      );
      for (const key of metrics.histograms.keys().filter((k) => k.startsWith('match '))) {
        const p = metrics.histograms.percentiles(key);
        log(
          `  ${key.slice('match '.length).padEnd(36)} n ${String(p.count).padStart(5)}  p50 ${p.p50}  p90 ${p.p90}  p99 ${p.p99}  max ${p.max} ms`,
        );
      }
      await producer.disconnect();
      await runtime.stop();
      await new ReconcilerStateStore(redis, namespace).wipe(PARTITIONS);
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: allTopics(topics) }).catch(() => undefined);
      await admin.disconnect();
    }
  } finally {
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}
