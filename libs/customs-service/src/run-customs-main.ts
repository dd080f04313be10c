import { readCustomsConfig } from '@uamd/config';
import { createLogger, type Logger } from '@uamd/logging';
import { type Country } from '@uamd/domain';
import { customsPrincipal, useStackDefaults } from '@uamd/local-stack';
import { type SidePublisher } from './side-publisher';
import { startCustomsService } from './start-customs-service';

/** The whole `main` of a country's customs service: config from the environment, progress lines, Nest's shutdown hooks on a signal. */
export async function runCustomsMain(country: Country): Promise<void> {
  const log = createLogger(`${country.toLowerCase()}-customs`);
  const stack = useStackDefaults(process.env, customsPrincipal(country));
  if (stack) log.info(stack);
  const config = readCustomsConfig(country, process.env);
  const service = await startCustomsService(config, {
    shutdownSignals: ['SIGTERM', 'SIGINT'],
    logger: log,
  });
  log.info(
    `http://${config.host}:${service.port}, topics ${config.topicPrefix}${country.toLowerCase()}.*`,
  );
  if (!config.intakeTokens?.[country])
    log.warn(
      `INTAKE_AUTH=open and no INTAKE_TOKEN_${country}: the HTTP intake takes posts without authentication`,
    );
  if (service.publisher) reportProgress(log, service.publisher);
}

/** A progress line every 5 s while the publisher runs, and its outcome. */
function reportProgress(log: Logger, publisher: SidePublisher): void {
  const progress = setInterval(() => {
    const p = publisher.progress();
    if (!p.finished) log.info(`published ${p.published}/${p.total}`);
  }, 5_000);
  void publisher.done
    .then(
      (r) => log.info({ byType: r.byType }, 'simulation published'),
      (err: unknown) => log.error(`publishing failed: ${String(err)}`),
    )
    .finally(() => clearInterval(progress));
}
