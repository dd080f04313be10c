// Type-only: the testcontainers runtime is loaded lazily, only on the Docker path.
import type { StartedTestContainer } from 'testcontainers';
import { waitForKafka } from './kafka-ready';

export interface ContainerService {
  url: string;
  stop(): Promise<void>;
}

export const KAFKA_IMAGE = 'apache/kafka:3.9.1';
export const REDIS_IMAGE = 'redis:7-alpine';

const KAFKA_PORT = 9092;
const START_SCRIPT = '/tmp/uamd-kafka-start.sh';
const WAITING_MESSAGE = 'uamd: waiting for start script';
// Any valid KRaft cluster id works for a throwaway container; this is the one testcontainers uses.
const CLUSTER_ID = '4L6g3nShT-eMCtK--X86sw';

/** True when testcontainers finds a working Docker (or Podman) engine; never throws. */
export async function dockerAvailable(timeoutMs = 5_000): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const probe = getContainerRuntimeClient().then(
      () => true,
      () => false,
    );
    const found = await Promise.race([probe, timeout]);
    clearTimeout(timer);
    return found;
  } catch {
    return false;
  }
}

/**
 * Single-node KRaft apache/kafka container. @testcontainers/kafka's KafkaContainer only drives
 * Confluent images, so this follows testcontainers-java's apache/kafka recipe: the container waits
 * for a start script that is copied in once the host port mapping (the advertised listener) is known.
 */
export async function startKafkaContainer(timeoutMs = 120_000): Promise<ContainerService> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(KAFKA_IMAGE)
    .withExposedPorts(KAFKA_PORT)
    .withEnvironment({
      CLUSTER_ID,
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${KAFKA_PORT},BROKER://0.0.0.0:9093,CONTROLLER://0.0.0.0:9094`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP:
        'BROKER:PLAINTEXT,PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9094',
      KAFKA_NUM_PARTITIONS: '3',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withEntrypoint(['sh'])
    .withCommand([
      '-c',
      `echo '${WAITING_MESSAGE}'; while [ ! -f ${START_SCRIPT} ]; do sleep 0.1; done; exec ${START_SCRIPT}`,
    ])
    .withWaitStrategy(Wait.forLogMessage(WAITING_MESSAGE))
    .withStartupTimeout(timeoutMs)
    .start();
  try {
    const host = container.getHost();
    const port = container.getMappedPort(KAFKA_PORT);
    const advertised = `PLAINTEXT://${host}:${port},BROKER://${container.getHostname()}:9093`;
    const script = `#!/bin/bash\nexport KAFKA_ADVERTISED_LISTENERS=${advertised}\nexec /etc/kafka/docker/run\n`;
    await container.copyContentToContainer([
      { content: script, target: START_SCRIPT, mode: 0o755 },
    ]);
    const brokers = [`${host}:${port}`];
    await waitForKafka(brokers, timeoutMs, undefined, () => '');
    return { url: brokers.join(','), stop: () => stopContainer(container) };
  } catch (err) {
    await stopContainer(container);
    throw err;
  }
}

export async function startRedisContainer(): Promise<ContainerService> {
  const { RedisContainer } = await import('@testcontainers/redis');
  const container = await new RedisContainer(REDIS_IMAGE).start();
  return { url: container.getConnectionUrl(), stop: () => stopContainer(container) };
}

async function stopContainer(container: StartedTestContainer): Promise<void> {
  await container.stop({ timeout: 10_000 });
}
