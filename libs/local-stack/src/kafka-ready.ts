import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { sleep } from './child-process';
import { isPortOpen } from './free-port';

/**
 * Polls until the broker accepts TCP, answers an admin describeCluster with at least one
 * broker, and has a group coordinator ready.
 * `assertAlive` throws to abort early (e.g. when the broker process has died); `security` is how
 * the probe logs in to a SASL_SSL listener.
 */
export async function waitForKafka(
  brokers: string[],
  timeoutMs: number,
  assertAlive: () => void = () => undefined,
  describeLast: () => string = () => '',
  security?: Pick<KafkaConfig, 'ssl' | 'sasl'>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const [host = '127.0.0.1', portText = ''] = (brokers[0] ?? '').split(':');
  const port = Number(portText);
  const kafka = new Kafka({
    clientId: 'uamd-local-stack-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    retry: { retries: 0 },
    ...security,
  });
  let lastError = 'broker port never opened';
  while (Date.now() < deadline) {
    assertAlive();
    if (await isPortOpen(port, host)) {
      const admin = kafka.admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        if (cluster.brokers.length > 0) {
          // The first group lookup creates __consumer_offsets; waiting for it here keeps that
          // start-up cost (and its "coordinator not available" answers) out of the first real consumer.
          await admin.describeGroups(['uamd-local-stack-probe']);
          return;
        }
        lastError = 'no broker registered yet';
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    }
    await sleep(200);
  }
  const last = describeLast();
  throw new Error(
    `Kafka at ${brokers.join(',')} not ready after ${timeoutMs} ms (${lastError})${last ? `; last output:\n${last}` : ''}`,
  );
}
