import { ensureTopics } from '@uamd/messaging';
import Redis from 'ioredis';
import { type Admin, type Consumer, type Producer } from 'kafkajs';
import { testStackEnv } from './support/stack-env';
import { testKafka } from './support/test-kafka';
import { uniqueName, waitFor } from './support/wait-for';

describe('local stack (real Kafka broker and Redis from global setup)', () => {
  const { redisUrl } = testStackEnv();
  const kafka = testKafka('local-stack-test');
  let admin: Admin | undefined;
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;
  let redis: Redis | undefined;

  afterAll(async () => {
    await Promise.allSettled([
      admin?.disconnect(),
      producer?.disconnect(),
      consumer?.disconnect(),
      redis?.quit(),
    ]);
  });

  it('creates a 3-partition topic, produces one message and consumes it back', async () => {
    const topic = uniqueName('local-stack');
    await ensureTopics(kafka, [topic], 3);
    admin = kafka.admin();
    await admin.connect();
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(metadata?.partitions).toHaveLength(3);

    producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'plate', value: 'AA1234BC', partition: 2 }] });

    const received: Array<{ partition: number; key?: string; value?: string }> = [];
    consumer = kafka.consumer({ groupId: uniqueName('local-stack-group') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ partition, message }) => {
        received.push({
          partition,
          key: message.key?.toString(),
          value: message.value?.toString(),
        });
        return Promise.resolve();
      },
    });
    await waitFor(() => received.length > 0, 'the produced message', 60_000);
    expect(received).toEqual([{ partition: 2, key: 'plate', value: 'AA1234BC' }]);
  });

  it('answers PING on Redis', async () => {
    redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    await expect(redis.ping()).resolves.toBe('PONG');
  });
});
