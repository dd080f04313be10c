import { runCustomsMain } from '@uamd/customs-service';

runCustomsMain('UA').catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
