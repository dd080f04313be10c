import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import {
  KafkaHealthIndicator,
  PartitionsHealthIndicator,
  RedisHealthIndicator,
  RuntimeHealthIndicator,
} from './health.indicators';
import { LiveController } from './live/live.controller';
import { LiveFeed } from './live/live-feed';
import { LiveStream } from './live/live-stream';
import { MetricsController } from './metrics/metrics.controller';
import { ReconcilerMetrics } from './metrics/reconciler.metrics';
import { ConnectionsCloser, reconcilerProviders } from './reconciler.providers';
import { ReconcilerTransport } from './reconciler.transport';
import { StatusController } from './status.controller';

/**
 * Config, Kafka, Redis, codec and topics as providers; the transport that runs the batch
 * consumer on them; readiness, status, Prometheus metrics and the live page (/live) over HTTP.
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
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
  ],
})
export class ReconcilerModule {}
