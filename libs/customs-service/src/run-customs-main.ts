import { readCustomsConfig } from '@uamd/config';
import { type Country } from '@uamd/domain';
import { startCustomsService } from './start-customs-service';

/** The whole `main` of a country's customs service: config from the environment, progress lines, clean stop on a signal. */
export async function runCustomsMain(country: Country): Promise<void> {
  const tag = `[${country.toLowerCase()}-customs]`;
  const config = readCustomsConfig(country, process.env);
  const service = await startCustomsService(config);
  console.log(
    `${tag} http://${config.host}:${service.port}, topics ${config.topicPrefix}${country.toLowerCase()}.*`,
  );
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
