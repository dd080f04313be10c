import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { type CustomsConfig } from '@uamd/config';
import {
  countryTopics,
  createKafka,
  ensureTopics,
  KafkaEventProducer,
  type EventProducer,
} from '@uamd/messaging';
import { CUSTOMS_CONFIG, EVENT_PRODUCER, RECORD_TARGET } from './customs.tokens';
import { type RecordTarget } from './event-records';

/** Disconnects the producer this service connected, once the feed has stopped and HTTP is closed. */
@Injectable()
export class OwnProducerCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_PRODUCER) private readonly producer: EventProducer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}

/**
 * The service's `EventProducer`. An injected one means the caller owns the Kafka connection and
 * the topics: nothing is created here and it is never disconnected. Otherwise the service makes
 * sure the two topics it writes exist, connects an idempotent producer, and disconnects it at shutdown.
 */
export function producerProviders(injected: EventProducer | undefined, quiet = false): Provider[] {
  if (injected) return [{ provide: EVENT_PRODUCER, useValue: injected }];
  return [
    {
      provide: EVENT_PRODUCER,
      inject: [CUSTOMS_CONFIG, RECORD_TARGET],
      useFactory: async (config: CustomsConfig, target: RecordTarget): Promise<EventProducer> => {
        const kafka = createKafka({
          brokers: config.brokers,
          clientId: `${config.country.toLowerCase()}-customs`,
          quiet,
          ...config.kafkaSecurity,
        });
        // Its own two topics: on a secured cluster each side may create only what it writes.
        await ensureTopics(kafka, countryTopics(target.topics, config.country), config.partitions);
        return KafkaEventProducer.connect(kafka);
      },
    },
    OwnProducerCloser,
  ];
}
