import { readCustomsConfig } from '@uamd/config';
import { type Country } from '@uamd/domain';
import { useStackDefaults } from '@uamd/local-stack';
import { type SidePublisher } from './side-publisher';
import { startCustomsService } from './start-customs-service';

/** The whole `main` of a country's customs service: config from the environment, progress lines, Nest's shutdown hooks on a signal. */
export async function runCustomsMain(country: Country): Promise<void> {
  const tag = `[${country.toLowerCase()}-customs]`;
  const stack = useStackDefaults(process.env);
  if (stack) console.log(`${tag} ${stack}`);
  const config = readCustomsConfig(country, process.env);
  const service = await startCustomsService(config, { shutdownSignals: ['SIGTERM', 'SIGINT'] });
  console.log(
    `${tag} http://${config.host}:${service.port}, topics ${config.topicPrefix}${country.toLowerCase()}.*`,
  );
  if (service.publisher) reportProgress(tag, service.publisher);
}

/** A progress line every 5 s while the publisher runs, and its outcome. */
function reportProgress(tag: string, publisher: SidePublisher): void {
  const progress = setInterval(() => {
    const p = publisher.progress();
    if (!p.finished) console.log(`${tag} published ${p.published}/${p.total}`);
  }, 5_000);
  void publisher.done
    .then(
      (r) => console.log(`${tag} simulation published ${JSON.stringify(r.byType)}`),
      (err: unknown) => console.error(`${tag} publishing failed: ${String(err)}`),
    )
    .finally(() => clearInterval(progress));
}
