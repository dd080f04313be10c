import { Module, type DynamicModule } from '@nestjs/common';
import { codecFor } from '@uamd/codec';
import { type CustomsConfig } from '@uamd/config';
import { topicNames, type EventProducer } from '@uamd/messaging';
import { CustomsController } from './customs.controller';
import { CustomsMetrics } from './customs-metrics';
import { CustomsMetricsController } from './customs-metrics.controller';
import { feedProviders } from './customs-feed.providers';
import { producerProviders } from './customs-producer.providers';
import { CLOCK, CUSTOMS_CONFIG, HTTP_EVENT_IDS, RECORD_TARGET } from './customs.tokens';
import { type RecordTarget } from './event-records';
import { HttpEventIds } from './http-event-ids';
import { type Clock } from './side-publisher';
import { type Logger } from '@uamd/logging';
import { LoggerModule } from 'nestjs-pino';

export interface CustomsModuleDeps {
  /** An injected producer means the caller owns the Kafka connection and the topics: none are created here. */
  producer?: EventProducer;
  /** Wall clock for the future-skew check and the publisher's pacing. */
  clock?: Clock;
  /** Silences kafkajs logs (tests, or the CLI running both services in one process). */
  quiet?: boolean;
  /** The service's own process: Nest logs through this (nestjs-pino). */
  logger?: Logger;
}

/**
 * One country's customs service: config, clock, record target, producer, HTTP event ids, its
 * Prometheus metrics (an own registry) and this side's feed as providers, and the HTTP edge on
 * them, /metrics included. Everything comes from the arguments, not from process-global state,
 * so two services can share a process (the CLI runs both countries).
 */
@Module({})
export class CustomsModule {
  static forConfig(config: CustomsConfig, deps: CustomsModuleDeps = {}): DynamicModule {
    const clock: Clock = deps.clock ?? ((): number => Date.now());
    return {
      module: CustomsModule,
      // Nest's own lines as JSON (libs/logging), unless the service runs quietly inside the CLI.
      imports: deps.logger
        ? [LoggerModule.forRoot({ pinoHttp: { logger: deps.logger, autoLogging: false } })]
        : [],
      controllers: [CustomsController, CustomsMetricsController],
      providers: [
        { provide: CUSTOMS_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        {
          provide: RECORD_TARGET,
          inject: [CUSTOMS_CONFIG],
          useFactory: async (c: CustomsConfig): Promise<RecordTarget> => ({
            encoder: await codecFor(c.schemaRegistryUrl),
            topics: topicNames(c.topicPrefix),
            partitions: c.partitions,
          }),
        },
        { provide: HTTP_EVENT_IDS, useFactory: () => new HttpEventIds() },
        {
          provide: CustomsMetrics,
          inject: [CUSTOMS_CONFIG, RECORD_TARGET, CLOCK],
          useFactory: (c: CustomsConfig, target: RecordTarget, clk: Clock) =>
            new CustomsMetrics({ country: c.country, topics: target.topics, clock: clk }),
        },
        ...producerProviders(deps.producer, deps.quiet),
        ...feedProviders(config),
      ],
    };
  }
}
