import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { HealthController } from './health.controller';
import {
  KafkaHealthIndicator,
  PartitionsHealthIndicator,
  RedisHealthIndicator,
  RuntimeHealthIndicator,
  SchemaRegistryHealthIndicator,
} from './health.indicators';
import { LiveController } from './live/live.controller';
import { LiveFeed } from './live/live-feed';
import { LiveStream } from './live/live-stream';
import { MetricsController } from './metrics/metrics.controller';
import { ReconcilerMetrics } from './metrics/reconciler.metrics';
import { reconcilerLogger } from './reconciler.logger';
import { ConnectionsCloser, reconcilerProviders } from './reconciler.providers';
import { ReconcilerTransport } from './reconciler.transport';
import { StatusController } from './status.controller';

/**
 * Config, Kafka, Redis, codec and topics as providers; the transport that runs the batch
 * consumer on them; readiness, status, Prometheus metrics and the live page (/live) over HTTP.
 */
@Module({
  imports: [
    TerminusModule.forRoot({ errorLogStyle: 'json' }),
    // Nest's own lines in the same JSON format; requests are not logged (metrics count them).
    LoggerModule.forRoot({ pinoHttp: { logger: reconcilerLogger, autoLogging: false } }),
  ],
  controllers: [HealthController, StatusController, MetricsController, LiveController],
  providers: [
    ...reconcilerProviders,
    ConnectionsCloser,
    ReconcilerMetrics,
    LiveFeed,
    LiveStream,
    ReconcilerTransport,
    RuntimeHealthIndicator,
    PartitionsHealthIndicator,
    KafkaHealthIndicator,
    RedisHealthIndicator,
    SchemaRegistryHealthIndicator,
  ],
})
export class ReconcilerModule {}
