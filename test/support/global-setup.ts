import { writeFileSync } from 'node:fs';
// Jest loads global setup without moduleNameMapper, hence relative imports instead of @uamd/local-stack.
import { principalEnv, startLocalStack } from '../../libs/local-stack/src';
import { stackFilePath, stackHolder, TEST_STACK_VARS, type TestStackEnv } from './stack-env';

/** One broker and one Redis for the whole integration run; workers inherit the env set here. */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const stack = await startLocalStack();
  stackHolder.__UAMD_TEST_STACK__ = stack;
  // Secured like the demo: the tests log in as the broker's admin (kafkaSecurityFromEnv), and
  // what runs a whole exchange (simulate) logs each part in as itself from the material.
  const env: Record<string, string> = {
    KAFKA_BROKERS: stack.brokers.join(','),
    REDIS_URL: stack.redisUrl,
    ...(stack.secure
      ? { ...principalEnv(stack.secure, 'admin'), UAMD_KAFKA_SECURE_DIR: stack.secure.dir }
      : {}),
  };
  stackHolder.__UAMD_TEST_ENV_BEFORE__ = Object.fromEntries(
    TEST_STACK_VARS.map((name) => [name, process.env[name]]),
  );
  for (const name of TEST_STACK_VARS) delete process.env[name];
  Object.assign(process.env, env);
  const saved: TestStackEnv = { brokers: stack.brokers, redisUrl: stack.redisUrl, env };
  writeFileSync(stackFilePath(), `${JSON.stringify(saved, null, 2)}\n`);
  const pid = stack.kafkaPid === undefined ? '' : ` pid ${stack.kafkaPid}`;
  const took = Date.now() - started;
  process.stderr.write(
    `\n[stack] kafka ${stack.kafkaSource}${pid} ${env.KAFKA_BROKERS}${stack.secure ? ' (SASL_SSL)' : ''}, redis ${env.REDIS_URL} (${took} ms)\n`,
  );
}
