import { type AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type CustomsConfig } from '@uamd/config';
import { Logger } from 'nestjs-pino';
import { CustomsMetrics } from './customs-metrics';
import { CustomsModule, type CustomsModuleDeps } from './customs.module';
import { httpMetricsMiddleware, routePatternsOf } from './http-metrics';
import { bodyParserErrorHandler } from './http-problems';
import { SidePublisher } from './side-publisher';

export interface CustomsServiceDeps extends CustomsModuleDeps {
  /**
   * Process signals that close the service (a service's own `main`). None by default: the CLI
   * runs both services in one process and closes them itself.
   */
  shutdownSignals?: string[];
}

export interface CustomsServiceHandle {
  /** The port actually listened on (a random one when the config says 0). */
  port: number;
  /** Present when the config says simulate. */
  publisher?: SidePublisher;
  /** Stops the feed, closes HTTP, then disconnects the producer the service connected. */
  close(): Promise<void>;
}

const BODY_LIMIT = '64kb';

/**
 * Starts one country's customs service: the Nest app of `CustomsModule` (topics, producer, this
 * side's feed), listening on the configured port; the feed starts once it listens.
 */
export async function startCustomsService(
  config: CustomsConfig,
  deps: CustomsServiceDeps = {},
): Promise<CustomsServiceHandle> {
  // Described first, so an unknown scenario fails before anything connects.
  const customsModule = CustomsModule.forConfig(config, deps);
  // A broker that cannot be reached rejects here (not abort()); the logs buffered meanwhile are
  // dropped, so the caller reports the refusal once, without a Nest stack trace before it.
  const app = await NestFactory.create<NestExpressApplication>(customsModule, {
    bodyParser: false,
    abortOnError: false,
    logger: deps.quiet ? false : ['log', 'warn', 'error'],
    bufferLogs: true,
    autoFlushLogs: false,
  });
  if (deps.logger) app.useLogger(app.get(Logger));
  app.flushLogs();
  if (deps.shutdownSignals?.length) app.enableShutdownHooks(deps.shutdownSignals);
  app.disable('x-powered-by');
  // First, so requests the body parser refuses are counted too.
  app.use(
    httpMetricsMiddleware(
      app.get(CustomsMetrics).httpRequests,
      routePatternsOf(customsModule.controllers ?? []),
    ),
  );
  app.useBodyParser('json', { limit: BODY_LIMIT, strict: false });
  app.use(bodyParserErrorHandler(BODY_LIMIT));
  try {
    await app.listen(config.port, config.host);
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  return {
    port: (app.getHttpServer().address() as AddressInfo).port,
    publisher: config.simulate ? app.get(SidePublisher) : undefined,
    close: () => app.close(),
  };
}
