import { type AvroCodec } from '@uamd/codec';
import { allTopics, ensureTopics, KafkaEventProducer, type TopicNames } from '@uamd/messaging';
import { type Kafka } from 'kafkajs';
import { type LoadedTraffic, trafficPublisher } from '../../apps/cli/src/traffic/traffic-io';

/** Creates the topics (3 partitions) and publishes loaded traffic into them at full speed, as `replay --speed max`. */
export async function publishTraffic(
  kafka: Kafka,
  codec: AvroCodec,
  traffic: LoadedTraffic,
  topics: TopicNames,
): Promise<void> {
  await ensureTopics(kafka, allTopics(topics), 3);
  const producer = await KafkaEventProducer.connect(kafka);
  try {
    const publisher = trafficPublisher(traffic, {
      producer,
      codec,
      topics,
      partitions: 3,
      speed: 'max',
    });
    publisher.start();
    await publisher.done;
  } finally {
    await producer.disconnect();
  }
}
