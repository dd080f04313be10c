import { rmSync } from 'node:fs';
import { stackFilePath, stackHolder } from './stack-env';

/** Stops whatever global setup started and forgets where it was. */
export default async function globalTeardown(): Promise<void> {
  const stack = stackHolder.__UAMD_TEST_STACK__;
  stackHolder.__UAMD_TEST_STACK__ = undefined;
  const before = stackHolder.__UAMD_TEST_ENV_BEFORE__;
  stackHolder.__UAMD_TEST_ENV_BEFORE__ = undefined;
  try {
    await stack?.stop();
  } finally {
    rmSync(stackFilePath(), { force: true });
    if (before) for (const [name, value] of Object.entries(before)) restoreEnv(name, value);
  }
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
