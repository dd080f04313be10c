import { CROSSING_POINTS, DEFAULT_MATCHING_CONFIG, type MatchingConfig } from '@uamd/domain';
import { type KafkaSecurity } from '@uamd/messaging';
import {
  bool,
  ConfigError,
  int,
  list,
  optionalHttpUrl,
  readEnv,
  str,
  type Env,
} from './env-reader';
import { kafkaLoginFromEnv } from './kafka-login';

export interface ReconcilerConfig {
  brokers: string[];
  /** How it logs in to Kafka (`kafkaSecurityFromEnv`); `{}`: plaintext. */
  kafkaSecurity: KafkaSecurity;
  redisUrl: string;
  /** HTTP port of /health and /status; 0 picks a free one. */
  port: number;
  host: string;
  topicPrefix: string;
  partitions: number;
  groupId: string;
  /** Redis key namespace of the projection; two reconcilers of one group must share it. */
  namespace: string;
  matching: MatchingConfig;
  sessionTimeoutMs: number;
  /** Live stale-feed timeout on the wall clock; 0 = off (replays). */
  liveStaleAfterMs: number;
  /** Fault injection for failure tests: SIGKILL itself right after a Redis commit, before publishing. */
  killAfterCommit: boolean;
  /** A Confluent-compatible schema registry for the codec's ids; unset: `schemas/catalog.json`'s. */
  schemaRegistryUrl?: string;
}

export function readReconcilerConfig(env: Env): ReconcilerConfig {
  const v = readEnv(env, {
    KAFKA_BROKERS: list(),
    REDIS_URL: str({ default: 'redis://127.0.0.1:6379' }),
    PORT: int({ min: 0, max: 65_535, default: 3003 }),
    HOST: str({ default: '127.0.0.1' }),
    TOPIC_PREFIX: str({ default: '' }),
    PARTITIONS: int({ min: 1, max: 1_000, default: 3 }),
    // `<TOPIC_PREFIX>reconciler` by default, below: the group a secured cluster grants it.
    GROUP_ID: str({ default: '' }),
    REDIS_NAMESPACE: str({ default: 'uamd:reconciler' }),
    CLOCK_SKEW_MS: int({ min: 0, max: 3_600_000, default: 180_000 }),
    STALE_AFTER_MS: int({ min: 1_000, max: 24 * 3_600_000, default: 600_000 }),
    RETENTION_MS: int({ min: 60_000, max: 30 * 24 * 3_600_000, default: 24 * 3_600_000 }),
    AMBIGUITY_HOLD_MS: int({ min: 0, max: 24 * 3_600_000, default: 30 * 60_000 }),
    DUPLICATE_WINDOW_MS: int({ min: 0, max: 3_600_000, default: 10_000 }),
    LIVE_STALE_AFTER_MS: int({ min: 0, max: 24 * 3_600_000, default: 0 }),
    SESSION_TIMEOUT_MS: int({ min: 6_000, max: 300_000, default: 30_000 }),
    FAULT_KILL_AFTER_COMMIT: bool({ default: false }),
    SCHEMA_REGISTRY_URL: optionalHttpUrl(),
  });
  const matching: MatchingConfig = {
    ...DEFAULT_MATCHING_CONFIG,
    clockSkewMs: v.CLOCK_SKEW_MS,
    staleAfterMs: v.STALE_AFTER_MS,
    retentionMs: v.RETENTION_MS,
    ambiguityHoldMs: v.AMBIGUITY_HOLD_MS,
    duplicateWindowMs: v.DUPLICATE_WINDOW_MS,
  };
  checkMatching(matching);
  return {
    brokers: v.KAFKA_BROKERS,
    kafkaSecurity: kafkaLoginFromEnv(env),
    redisUrl: v.REDIS_URL,
    port: v.PORT,
    host: v.HOST,
    topicPrefix: v.TOPIC_PREFIX,
    partitions: v.PARTITIONS,
    groupId: v.GROUP_ID || `${v.TOPIC_PREFIX}reconciler`,
    namespace: v.REDIS_NAMESPACE,
    matching,
    sessionTimeoutMs: v.SESSION_TIMEOUT_MS,
    liveStaleAfterMs: v.LIVE_STALE_AFTER_MS,
    killAfterCommit: v.FAULT_KILL_AFTER_COMMIT,
    schemaRegistryUrl: v.SCHEMA_REGISTRY_URL,
  };
}

/** Cross-field rules: an overdue exit must still be held when its late entry comes. */
export function checkMatching(m: MatchingConfig): void {
  const longestWindowMs =
    Math.max(
      ...CROSSING_POINTS.flatMap((p) => [p.transit.UA.maxMinutes, p.transit.MD.maxMinutes]),
    ) * 60_000;
  const problems: string[] = [];
  if (m.retentionMs <= longestWindowMs + m.clockSkewMs) {
    problems.push(
      `RETENTION_MS (${m.retentionMs}) must exceed the longest transit window plus clock skew (${longestWindowMs + m.clockSkewMs})`,
    );
  }
  if (m.staleAfterMs <= m.clockSkewMs)
    problems.push(
      `STALE_AFTER_MS (${m.staleAfterMs}) must exceed CLOCK_SKEW_MS (${m.clockSkewMs})`,
    );
  if (problems.length > 0) throw new ConfigError(problems);
}
