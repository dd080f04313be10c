import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalStack } from '../../libs/local-stack/src/local-stack';
import { findRepoRoot } from '../../libs/local-stack/src/repo-root';

export interface TestStackEnv {
  brokers: string[];
  redisUrl: string;
  /** What global set-up put in the environment: the stack's address and the admin's login. */
  env?: Record<string, string>;
}

/** Set (or cleared) by global set-up for the run, and put back as they were by teardown. */
export const TEST_STACK_VARS = [
  'KAFKA_BROKERS',
  'REDIS_URL',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_SASL_PASSWORD_FILE',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SSL_CA_FILE',
  'UAMD_KAFKA_SECURE_DIR',
] as const;

export const STACK_FILE = '.test-stack.json';

export function stackFilePath(): string {
  return join(findRepoRoot(__dirname), STACK_FILE);
}

/** Where the integration tests find Kafka and Redis: env (set by global setup) first, then the file it wrote. */
export function testStackEnv(): TestStackEnv {
  const brokers = (process.env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const redisUrl = process.env.REDIS_URL;
  if (brokers.length > 0 && redisUrl) return { brokers, redisUrl };

  const file = stackFilePath();
  if (!existsSync(file)) {
    throw new Error(
      `No test stack: set KAFKA_BROKERS and REDIS_URL, or run through jest's integration project (global setup writes ${STACK_FILE}).`,
    );
  }
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<TestStackEnv>;
  if (!Array.isArray(saved.brokers) || typeof saved.redisUrl !== 'string')
    throw new Error(`${STACK_FILE} is malformed`);
  return {
    brokers: brokers.length > 0 ? brokers : saved.brokers,
    redisUrl: redisUrl ?? saved.redisUrl,
  };
}

/** Global setup and teardown run in the same jest process; the running stack is parked here between them. */
export const stackHolder = globalThis as typeof globalThis & {
  __UAMD_TEST_STACK__?: LocalStack;
  /** The env before setup, restored by teardown so a jest --watch rerun starts a fresh stack. */
  __UAMD_TEST_ENV_BEFORE__?: Record<string, string | undefined>;
};
