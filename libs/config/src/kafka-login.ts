import { kafkaSecurityFromEnv, KafkaSecurityError, type KafkaSecurity } from '@uamd/messaging';
import { ConfigError, type Env } from './env-reader';

/**
 * The service's Kafka login from its environment (`KAFKA_SASL_USERNAME`, a password or password
 * file, `KAFKA_SSL_CA_FILE`): `{}` (plaintext) when none is set, a ConfigError naming each
 * problem when they do not make a login.
 */
export function kafkaLoginFromEnv(env: Env): KafkaSecurity {
  try {
    return kafkaSecurityFromEnv(env);
  } catch (error) {
    if (error instanceof KafkaSecurityError) throw new ConfigError(error.problems);
    throw error;
  }
}
