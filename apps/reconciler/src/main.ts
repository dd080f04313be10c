import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type ReconcilerConfig } from '@uamd/config';
import { useStackDefaults } from '@uamd/local-stack';
import { Logger } from 'nestjs-pino';
import { ReconcilerModule } from './reconciler.module';
import { reconcilerLogger as log } from './reconciler.logger';
import { RECONCILER_CONFIG } from './reconciler.providers';
import { ReconcilerTransport } from './reconciler.transport';

async function main(): Promise<void> {
  // Before Nest reads the configuration: a running `uamd stack` stands in for KAFKA_BROKERS.
  const stack = useStackDefaults(process.env, 'reconciler');
  if (stack) log.info(stack);
  // A bad config or an unreachable broker reaches the catch below (not abort()), and the logs
  // buffered meanwhile are dropped, so the refusal is the message alone, not a Nest stack trace.
  const app = await NestFactory.create(ReconcilerModule, {
    logger: ['error', 'warn'],
    abortOnError: false,
    bufferLogs: true,
    autoFlushLogs: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // One shutdown path: HTTP closed, then the transport (runtime stopped), then Redis and admin.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  app.connectMicroservice({ strategy: app.get(ReconcilerTransport) });
  await app.startAllMicroservices();
  const config = app.get<ReconcilerConfig>(RECONCILER_CONFIG);
  await app.listen(config.port, config.host);
  const port = new URL(await app.getUrl()).port;
  log.info(
    `consuming ${config.topicPrefix || ''}{ua,md}.* with group ${config.groupId}; http://${config.host}:${port}/status`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
