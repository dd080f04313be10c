import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  /** kafkajs logs at WARN by default; NOTHING for tests and probes. */
  quiet?: boolean;
}

export function createKafka(options: KafkaClientOptions): Kafka {
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: options.quiet ? logLevel.NOTHING : logLevel.WARN,
    retry: { initialRetryTime: 100, retries: 8 },
  };
  return new Kafka(config);
}
