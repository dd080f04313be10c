import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { type KafkaSecurity } from './kafka-security';

export interface KafkaClientOptions extends KafkaSecurity {
  brokers: string[];
  clientId: string;
  /** kafkajs logs at ERROR here (its WARN level is mostly start-up notices); NOTHING for tests and probes. */
  quiet?: boolean;
}

/** `sasl`/`ssl` as `kafkaSecurityFromEnv()` returns them; without them the client is plaintext. */
export function createKafka(options: KafkaClientOptions): Kafka {
  const config: KafkaConfig = {
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: options.quiet ? logLevel.NOTHING : logLevel.ERROR,
    retry: { initialRetryTime: 100, retries: 8 },
    ...(options.ssl !== undefined ? { ssl: options.ssl } : {}),
    ...(options.sasl !== undefined ? { sasl: options.sasl } : {}),
  };
  return new Kafka(config);
}
