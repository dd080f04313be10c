import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  /** kafkajs logs at ERROR here (its WARN level is mostly start-up notices); NOTHING for tests and probes. */
  quiet?: boolean;
}

export function createKafka(options: KafkaClientOptions): Kafka {
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: options.quiet ? logLevel.NOTHING : logLevel.ERROR,
    retry: { initialRetryTime: 100, retries: 8 },
  };
  return new Kafka(config);
}
