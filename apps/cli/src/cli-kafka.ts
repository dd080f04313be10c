import { createKafka, kafkaSecurityFromEnv } from '@uamd/messaging';
import { type Kafka } from 'kafkajs';
import { requireBrokers } from './cli-options';

/**
 * The Kafka client of a CLI command on a running broker: KAFKA_BROKERS, logged in as the
 * environment says (`KAFKA_SASL_USERNAME`, …; plaintext when unset). `command` names it in the
 * error when no broker is set.
 */
export function cliKafka(command: string, clientId: string): Kafka {
  return createKafka({
    brokers: requireBrokers(command),
    clientId,
    quiet: true,
    ...kafkaSecurityFromEnv(),
  });
}

/**
 * A throwaway consumer group of one run: `<TOPIC_PREFIX>uamd-<name>-…`, under the deployment's
 * prefix where a secured cluster grants the CLI's readers their groups.
 */
export function cliGroupId(name: string): string {
  return `${process.env.TOPIC_PREFIX ?? ''}uamd-${name}-${process.pid}-${Date.now()}`;
}
