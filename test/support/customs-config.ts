import { DEFAULT_MAX_PAST_MS, type CustomsConfig } from '@uamd/config';
import { type Country } from '@uamd/domain';
import { kafkaSecurityFromEnv } from '@uamd/messaging';
import { PARTITIONS } from './exchange-harness';
import { testStackEnv } from './stack-env';

/** A customs service on the test stack, on the topics under `topicPrefix`, HTTP only unless overridden. */
export function customsConfig(
  country: Country,
  topicPrefix: string,
  overrides: Partial<CustomsConfig> = {},
): CustomsConfig {
  return {
    country,
    brokers: testStackEnv().brokers,
    kafkaSecurity: kafkaSecurityFromEnv(),
    port: 0,
    host: '127.0.0.1',
    topicPrefix,
    partitions: PARTITIONS,
    scenario: 'tiny',
    seed: 42,
    noise: 1,
    speed: 'max',
    simulate: false,
    maxFutureSkewMs: 300_000,
    maxPastMs: DEFAULT_MAX_PAST_MS,
    ...overrides,
  };
}
