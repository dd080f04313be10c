import { createKafka, kafkaSecurityFromEnv } from '@uamd/messaging';
import { type Kafka } from 'kafkajs';
import { testStackEnv } from './stack-env';

/**
 * A client of the run's broker, logged in as global set-up says (the secured broker's admin): a
 * test sets up topics and reads what it needs; the parts under test log in as themselves.
 */
export function testKafka(clientId: string): Kafka {
  return createKafka({
    brokers: testStackEnv().brokers,
    clientId,
    quiet: true,
    ...kafkaSecurityFromEnv(),
  });
}
