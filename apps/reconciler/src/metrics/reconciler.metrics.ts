import { Injectable } from '@nestjs/common';
import { LatencyHistograms, seriesKey } from '@uamd/latency';
import { type ReconcilerObserver } from '@uamd/reconciler';
import { type OutboxEntry } from '@uamd/state-store';
import { type PublishedListener, type PublishedOutput, readPublished } from './published-output';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** 1 ms to 10 min, roughly ×2–2.5 a step: the range HDR tracks too (libs/latency). */
export const LATENCY_BUCKETS_SECONDS = [
  0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600,
];

/**
 * The reconciler's Prometheus metrics (GET /metrics) and HDR histograms of match latency and
 * alarm lateness per post and route (GET /status). Fed by the runtime as a `ReconcilerObserver`;
 * nothing here takes part in a decision.
 */
@Injectable()
export class ReconcilerMetrics implements ReconcilerObserver, PublishedListener {
  readonly registry = new Registry();
  /** Exact percentiles since start, per `<kind> <post> <route>`. */
  readonly histograms = new LatencyHistograms();

  private readonly matchLatency = new Histogram({
    name: 'uamd_match_latency_seconds',
    help: 'Completing input sent (or due, for paced traffic) to CrossingMatched appended',
    labelNames: ['crossing_point', 'route'],
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [this.registry],
  });
  private readonly alarmLateness = new Histogram({
    name: 'uamd_alarm_lateness_seconds',
    help: "Input that moved the other side's watermark past the window sent to CrossingOverdue appended",
    labelNames: ['crossing_point', 'route'],
    buckets: LATENCY_BUCKETS_SECONDS,
    registers: [this.registry],
  });
  private readonly outputs = new Counter({
    name: 'uamd_outputs_total',
    help: 'Outputs published, by type and crossing point',
    labelNames: ['type', 'crossing_point'],
    registers: [this.registry],
  });
  private readonly deadLettered = new Counter({
    name: 'uamd_dead_lettered_total',
    help: 'Input records sent to the dead-letter topic, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  private readonly inputs = new Counter({
    name: 'uamd_inputs_total',
    help: 'Input records fetched, by topic',
    labelNames: ['topic'],
    registers: [this.registry],
  });
  private readonly commitSeconds = new Histogram({
    name: 'uamd_redis_commit_seconds',
    help: 'One fenced Redis script: state changes, offsets and outbox of a run of records',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2],
    registers: [this.registry],
  });
  /** Set by the transport: records buffered in the merge and inputs it waits on. */
  readonly merge = {
    buffered: new Gauge({
      name: 'uamd_merge_buffered_records',
      help: 'Input records fetched but not yet released by the merge',
      registers: [this.registry],
    }),
    waiting: new Gauge({
      name: 'uamd_merge_waiting_inputs',
      help: 'Input topic-partitions the merge is waiting on (a silent feed holds its partition)',
      registers: [this.registry],
    }),
  };

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'uamd_reconciler_' });
  }

  published(entries: readonly OutboxEntry[], at: number): void {
    for (const entry of entries) this.output(readPublished(entry, at));
  }

  output({ entry, deadLetterReason, type, sample }: PublishedOutput): void {
    if (deadLetterReason !== undefined) {
      this.deadLettered.inc({ reason: deadLetterReason });
      return;
    }
    if (type !== undefined) this.outputs.inc({ type, crossing_point: entry.key });
    if (!sample) return;
    const labels = { crossing_point: sample.crossingPoint, route: sample.route };
    (sample.kind === 'match' ? this.matchLatency : this.alarmLateness).observe(
      labels,
      sample.ms / 1000,
    );
    this.histograms.record(seriesKey(sample), sample.ms);
  }

  committed(ms: number): void {
    this.commitSeconds.observe(ms / 1000);
  }

  consumed(topic: string, count: number): void {
    this.inputs.inc({ topic }, count);
  }
}
