import { type LatencyHistograms, ROUTES } from '@uamd/latency';
import { type ReconcilerRuntime } from '@uamd/reconciler';
import { type OutputCounts, zeroCounts } from './live-feed';
import { type RollingLatency, type WindowPercentiles } from './rolling-latency';

/** Inputs the merge waits on, listed at most (the count is always whole). */
const MAX_WAITING_LISTED = 24;

/** One post (crossing-point pair) in a tick. */
export interface PostTick {
  /** Outputs per second since the previous tick, by type. */
  rate: OutputCounts;
  /** Match latency over the live window, per route; null where the window holds no crossing. */
  window: Record<string, WindowPercentiles | null>;
  /** Match latency since start (the HDR histograms of /status), per route that has any. */
  sinceStart: Record<string, { count: number; p50: number; p99: number; max: number }>;
  /** Inputs (`md.plate-reads`, …) of this post's partition that the merge is waiting on. */
  waitingOn: string[];
}

/** The `tick` event: the state of the reconciler once a second. */
export interface LiveTick {
  t: number;
  consuming: boolean;
  windowSeconds: number;
  posts: Record<string, PostTick>;
  /** Reads waiting for their other half (over the partitions this instance owns). */
  pending: { exits: number; overdueExits: number; entries: number } | null;
  merge: { buffered: number; waiting: number; waitingOn: string[] } | null;
  totals: { consumed: number; deadLettered: number; outputs: OutputCounts } | null;
  stream: { clients: number; dropped: number; skipped: number };
}

export interface TickSources {
  now: number;
  elapsedMs: number;
  posts: readonly { id: string; index: number }[];
  partitions: number;
  topicPrefix: string;
  counts: Map<string, OutputCounts>;
  latency: RollingLatency;
  sinceStart: LatencyHistograms;
  runtime: ReconcilerRuntime | undefined;
  stream: LiveTick['stream'];
}

export function buildTick(s: TickSources): LiveTick {
  const seconds = Math.max(s.elapsedMs, 1) / 1000;
  const alignment = s.runtime?.alignment();
  const waiting = (alignment?.waitingOn ?? []).map((w) => parseWaiting(w, s.topicPrefix));
  const posts: Record<string, PostTick> = {};
  const ids = new Set([...s.posts.map((p) => p.id), ...s.counts.keys()]);
  for (const id of ids) {
    const counts = s.counts.get(id) ?? zeroCounts();
    const rate = zeroCounts();
    for (const type of Object.keys(rate) as (keyof OutputCounts)[])
      rate[type] = Math.round((counts[type] / seconds) * 100) / 100;
    const window: PostTick['window'] = {};
    const sinceStart: PostTick['sinceStart'] = {};
    for (const route of ROUTES) {
      const key = `match ${id} ${route}`;
      window[route] = s.latency.percentiles(key, s.now) ?? null;
      const all = s.sinceStart.percentiles(key);
      if (all.count > 0)
        sinceStart[route] = { count: all.count, p50: all.p50, p99: all.p99, max: all.max };
    }
    const index = s.posts.find((p) => p.id === id)?.index;
    const partition = index === undefined ? undefined : index % s.partitions;
    const waitingOn = waiting.filter((w) => w.partition === partition).map((w) => w.input);
    posts[id] = { rate, window, sinceStart, waitingOn };
  }
  const stats = s.runtime?.stats.snapshot();
  return {
    t: s.now,
    consuming: s.runtime !== undefined,
    windowSeconds: s.latency.windowSeconds,
    posts,
    pending: s.runtime ? s.runtime.pendingCounts() : null,
    merge: alignment
      ? {
          buffered: alignment.buffered,
          waiting: alignment.waitingOn.length,
          waitingOn: waiting.slice(0, MAX_WAITING_LISTED).map((w) => `${w.input}:${w.partition}`),
        }
      : null,
    totals: stats
      ? { consumed: stats.consumed, deadLettered: stats.deadLettered, outputs: stats.outputs }
      : null,
    stream: s.stream,
  };
}

/** `<prefix>md.plate-reads:1` → the input without the prefix, and the partition. */
function parseWaiting(value: string, prefix: string): { input: string; partition: number } {
  const colon = value.lastIndexOf(':');
  const topic = colon < 0 ? value : value.slice(0, colon);
  return {
    input: prefix && topic.startsWith(prefix) ? topic.slice(prefix.length) : topic,
    partition: colon < 0 ? -1 : Number(value.slice(colon + 1)),
  };
}
