import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import {
  KafkaHealthIndicator,
  PartitionsHealthIndicator,
  RedisHealthIndicator,
  RuntimeHealthIndicator,
} from './health.indicators';
import { ConnectionsCloser, reconcilerProviders } from './reconciler.providers';
import { ReconcilerTransport } from './reconciler.transport';
import { StatusController } from './status.controller';

/**
 * Config, Kafka, Redis, codec and topics as providers; the transport that runs the batch
 * consumer on them; readiness and status over HTTP.
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController, StatusController],
  providers: [
    ...reconcilerProviders,
    ConnectionsCloser,
    ReconcilerTransport,
    RuntimeHealthIndicator,
    PartitionsHealthIndicator,
    KafkaHealthIndicator,
    RedisHealthIndicator,
  ],
})
export class ReconcilerModule {}
