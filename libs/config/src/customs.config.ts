import { DEFAULT_MATCHING_CONFIG, type Country } from '@uamd/domain';
import { type KafkaSecurity } from '@uamd/messaging';
import { isScenarioPath, resolveScenario, SCENARIO_NAMES } from '@uamd/traffic';
import {
  bool,
  ConfigError,
  int,
  list,
  num,
  oneOf,
  optionalHttpUrl,
  optionalSecret,
  readEnv,
  speed,
  str,
  type Env,
  type EnvVar,
} from './env-reader';
import { kafkaLoginFromEnv } from './kafka-login';

/** Everything a customs service needs to start; built from the environment or by the CLI. */
export interface CustomsConfig {
  country: Country;
  brokers: string[];
  /** How it logs in to Kafka (`kafkaSecurityFromEnv`); unset or `{}`: plaintext. */
  kafkaSecurity?: KafkaSecurity;
  /** HTTP port; 0 picks a free one (the service reports the real port). */
  port: number;
  /** Interface the HTTP server binds to; loopback unless a container needs 0.0.0.0. */
  host: string;
  topicPrefix: string;
  /** Partition count of every topic the service creates (co-partitioned, docs/design.md §2). */
  partitions: number;
  /** A built-in scenario's name, or the path of a scenario file (`resolveScenario`). */
  scenario: string;
  seed: number;
  /**
   * Multiplies the scenario's noise (`withNoiseScale`): 0 none, 1 as the scenario defines it,
   * 2 double. Both services must use the same factor to agree on the world.
   */
  noise: number;
  /** Simulated seconds per wall second, or `max` for as fast as the broker acknowledges. */
  speed: number | 'max';
  /** Publish the generated world; false serves HTTP only. */
  simulate: boolean;
  /** How far in the future an HTTP capture or lodgement time may be before it is refused. */
  maxFutureSkewMs: number;
  /** How far in the past an HTTP capture, lodgement or release time may be before it is refused. */
  maxPastMs: number;
  /** A Confluent-compatible schema registry for the codec's ids; unset: `schemas/catalog.json`'s. */
  schemaRegistryUrl?: string;
  /**
   * Bearer tokens of the two administrations' intakes (`INTAKE_TOKEN_UA`, `INTAKE_TOKEN_MD`).
   * With this service's own set, its POSTs need it: 401 without, 403 with the other's. From the
   * environment its own is required unless `INTAKE_AUTH=open`; a config built in code without
   * it takes posts unauthenticated.
   */
  intakeTokens?: Partial<Record<Country, string>>;
}

/**
 * `MAX_PAST_MS` by default: the reconciler's default retention (`RETENTION_MS`, 24 h). A read
 * older than that is behind what the reconciler still holds to pair or deduplicate it (matched
 * ids are forgotten a retention behind the watermarks), so it could only be mis-decided.
 */
export const DEFAULT_MAX_PAST_MS = DEFAULT_MATCHING_CONFIG.retentionMs;

export const DEFAULT_CUSTOMS_PORT: Readonly<Record<Country, number>> = { UA: 3001, MD: 3002 };

export function readCustomsConfig(country: Country, env: Env): CustomsConfig {
  const values = readEnv(env, {
    KAFKA_BROKERS: list(),
    PORT: int({ min: 0, max: 65_535, default: DEFAULT_CUSTOMS_PORT[country] }),
    HOST: str({ default: '127.0.0.1' }),
    TOPIC_PREFIX: str({ default: '' }),
    PARTITIONS: int({ min: 1, max: 1_000, default: 3 }),
    SCENARIO: scenarioVar('demo'),
    SEED: int({ min: 0, max: 2 ** 32 - 1, default: 42 }),
    NOISE: num({ min: 0, max: 10, default: 1 }),
    SPEED: speed({ default: 60 }),
    SIMULATE: bool({ default: true }),
    MAX_FUTURE_SKEW_MS: int({ min: 0, max: 24 * 3_600_000, default: 300_000 }),
    // The range of the reconciler's RETENTION_MS.
    MAX_PAST_MS: int({ min: 60_000, max: 30 * 24 * 3_600_000, default: DEFAULT_MAX_PAST_MS }),
    SCHEMA_REGISTRY_URL: optionalHttpUrl(),
    INTAKE_TOKEN_UA: optionalSecret(MIN_TOKEN_LENGTH),
    INTAKE_TOKEN_MD: optionalSecret(MIN_TOKEN_LENGTH),
    INTAKE_AUTH: oneOf(['required', 'open'], { default: 'required' }),
  });
  const intakeTokens = { UA: values.INTAKE_TOKEN_UA, MD: values.INTAKE_TOKEN_MD };
  if (values.INTAKE_AUTH === 'required' && !intakeTokens[country])
    throw new ConfigError([
      `INTAKE_TOKEN_${country} is required: the HTTP intake takes posts only with ${country}'s bearer token (at least ${MIN_TOKEN_LENGTH} characters, e.g. \`openssl rand -hex 16\`); INTAKE_AUTH=open takes them unauthenticated, for local experiments`,
    ]);
  return {
    country,
    brokers: values.KAFKA_BROKERS,
    kafkaSecurity: kafkaLoginFromEnv(env),
    port: values.PORT,
    host: values.HOST,
    topicPrefix: values.TOPIC_PREFIX,
    partitions: values.PARTITIONS,
    scenario: values.SCENARIO,
    seed: values.SEED,
    noise: values.NOISE,
    speed: values.SPEED,
    simulate: values.SIMULATE,
    maxFutureSkewMs: values.MAX_FUTURE_SKEW_MS,
    maxPastMs: values.MAX_PAST_MS,
    schemaRegistryUrl: values.SCHEMA_REGISTRY_URL,
    intakeTokens,
  };
}

/** A token shorter than this is guessable; `openssl rand -hex 16` gives 32. */
const MIN_TOKEN_LENGTH = 16;

/**
 * `SCENARIO`: a built-in name, or a path (the rule of `isScenarioPath`: a `/` or a `.json`
 * ending) to a scenario file that is read and checked here, so a bad file is a configuration
 * error listing its problems rather than a failure once the service runs.
 */
function scenarioVar(defaultName: string): EnvVar<string> {
  return {
    parse: (raw) => {
      const value = raw?.trim() || defaultName;
      if (!isScenarioPath(value))
        return SCENARIO_NAMES.includes(value)
          ? { ok: true, value }
          : {
              ok: false,
              problem: `must be one of ${SCENARIO_NAMES.join(', ')}, or the path of a scenario file (<name>.v<version>.json), got '${value}'`,
            };
      try {
        resolveScenario(value);
        return { ok: true, value };
      } catch (error) {
        const lines = (error as Error).message.split('\n');
        return {
          ok: false,
          problem: `names a scenario file that cannot be used:\n${lines.map((l) => `      ${l}`).join('\n')}`,
        };
      }
    },
  };
}
