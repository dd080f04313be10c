import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import {
  KafkaHealthIndicator,
  PartitionsHealthIndicator,
  RedisHealthIndicator,
  RuntimeHealthIndicator,
} from './health.indicators';
import { MetricsController } from './metrics/metrics.controller';
import { ReconcilerMetrics } from './metrics/reconciler.metrics';
import { ConnectionsCloser, reconcilerProviders } from './reconciler.providers';
import { ReconcilerTransport } from './reconciler.transport';
import { StatusController } from './status.controller';

/**
 * Config, Kafka, Redis, codec and topics as providers; the transport that runs the batch
 * consumer on them; readiness, status and Prometheus metrics over HTTP.
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController, StatusController, MetricsController],
  providers: [
    ...reconcilerProviders,
    ConnectionsCloser,
    ReconcilerMetrics,
    ReconcilerTransport,
    RuntimeHealthIndicator,
    PartitionsHealthIndicator,
    KafkaHealthIndicator,
    RedisHealthIndicator,
  ],
})
export class ReconcilerModule {}
