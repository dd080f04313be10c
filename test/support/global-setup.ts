import { writeFileSync } from 'node:fs';
// Jest loads global setup without moduleNameMapper, hence relative imports instead of @uamd/local-stack.
import { startLocalStack } from '../../libs/local-stack/src';
import { stackFilePath, stackHolder, type TestStackEnv } from './stack-env';

/** One broker and one Redis for the whole integration run; workers inherit the env set here. */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const stack = await startLocalStack();
  stackHolder.__UAMD_TEST_STACK__ = stack;
  const { KAFKA_BROKERS, REDIS_URL } = process.env;
  stackHolder.__UAMD_TEST_ENV_BEFORE__ = { KAFKA_BROKERS, REDIS_URL };
  process.env.KAFKA_BROKERS = stack.brokers.join(',');
  process.env.REDIS_URL = stack.redisUrl;
  const env: TestStackEnv = { brokers: stack.brokers, redisUrl: stack.redisUrl };
  writeFileSync(stackFilePath(), `${JSON.stringify(env, null, 2)}\n`);
  const pid = stack.kafkaPid === undefined ? '' : ` pid ${stack.kafkaPid}`;
  const took = Date.now() - started;
  process.stderr.write(
    `\n[stack] kafka ${stack.kafkaSource}${pid} ${env.brokers.join(',')}, redis ${env.redisUrl} (${took} ms)\n`,
  );
}
