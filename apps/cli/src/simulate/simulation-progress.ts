import { type Country, type OutputEventType } from '@uamd/domain';
import { ProgressReporter, type ProgressSample, type ProgressStream } from '../progress';
import { summariseLatency } from './percentiles';

/** What a `simulate` run already counts, read when the progress is drawn. */
export interface SimulationSources {
  /** Messages the run will publish, both countries (the generated world or the traffic file). */
  total: number;
  /** Messages published so far, by country. */
  published: () => Record<Country, number>;
  /** Distinct outputs the run has read back from the reconciler so far. */
  outputs: () => Record<OutputEventType, number>;
  /** Input messages the reconciler has fetched so far. */
  consumed: () => number;
  /** Match latencies so far, ms, in arrival order. */
  latencies: () => readonly number[];
}

export interface SimulationCounts {
  total: number;
  published: Record<Country, number>;
  outputs: Record<OutputEventType, number>;
  consumed: number;
  latencies: readonly number[];
  elapsedSeconds: number;
}

/** The match latency shown is the median of the latest crossings, not of the whole run. */
export const RECENT_LATENCIES = 1_000;

const fmt = (n: number) => n.toLocaleString('en');

/**
 * `published 12,345/40,000 (30%, 900/s, ETA 31 s); UA 6,200, MD 6,145; 402 matched, 3 overdue;
 * reconciler 12 behind; match p50 85 ms`. Behind: published but not yet fetched by the
 * reconciler; once everything is published it counts down the drain.
 */
export function simulationSample(c: SimulationCounts): ProgressSample {
  const done = c.published.UA + c.published.MD;
  const recent = summariseLatency(c.latencies.slice(-RECENT_LATENCIES));
  const detail = [
    `UA ${fmt(c.published.UA)}, MD ${fmt(c.published.MD)}`,
    `${fmt(c.outputs.CrossingMatched)} matched, ${fmt(c.outputs.CrossingOverdue)} overdue`,
    `reconciler ${fmt(Math.max(0, done - c.consumed))} behind`,
    ...(recent.p50 === null ? [] : [`match p50 ${recent.p50} ms`]),
  ].join('; ');
  return { done, total: c.total, elapsedSeconds: c.elapsedSeconds, detail };
}

/**
 * The progress of a `simulate` run on `stream` (none: nothing shown), from the moment its
 * traffic starts to be published until `stop()`. `log` is the run's log, routed through so a
 * line written while the bar is up does not tear it.
 */
export class SimulationProgress {
  private reporter: ProgressReporter | null = null;

  constructor(
    private readonly stream: ProgressStream | undefined,
    private readonly runLog: (line: string) => void,
  ) {}

  readonly log = (line: string): void => {
    if (this.reporter) this.reporter.interrupt(() => this.runLog(line));
    else this.runLog(line);
  };

  publishing(sources: SimulationSources): void {
    if (!this.stream || this.reporter) return;
    const started = performance.now();
    this.reporter = new ProgressReporter(
      'published',
      () =>
        simulationSample({
          total: sources.total,
          published: sources.published(),
          outputs: sources.outputs(),
          consumed: sources.consumed(),
          latencies: sources.latencies(),
          elapsedSeconds: (performance.now() - started) / 1000,
        }),
      { stream: this.stream },
    );
    this.reporter.start();
  }

  /** The last line (the final counts); safe to call again. */
  stop(): void {
    this.reporter?.stop();
  }
}
