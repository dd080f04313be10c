import { readCustomsConfig } from '@uamd/config';
import { startCustomsService } from '@uamd/customs-service';

const tag = '[md-customs]';

async function main(): Promise<void> {
  const config = readCustomsConfig('MD', process.env);
  const service = await startCustomsService(config);
  console.log(`${tag} http://${config.host}:${service.port}, topics ${config.topicPrefix}md.*`);
  const progress = setInterval(() => {
    const p = service.publisher?.progress();
    if (p && !p.finished) console.log(`${tag} published ${p.published}/${p.total}`);
  }, 5_000);
  service.publisher?.done.then(
    (r) => console.log(`${tag} simulation published ${JSON.stringify(r.byType)}`),
    (err: unknown) => console.error(`${tag} publishing failed: ${String(err)}`),
  );
  const shutdown = (): void => {
    clearInterval(progress);
    void service.close().catch((err: unknown) => console.error(err));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
