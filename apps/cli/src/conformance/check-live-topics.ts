import { codecFromEnvironment } from '@uamd/codec';
import {
  conformanceChecks,
  exchangedFromTopics,
  runConformance,
  type ConformanceReport,
} from '@uamd/conformance';
import { inputTopics, readTopicRange, topicNames } from '@uamd/messaging';
import { cliGroupId, cliKafka } from '../cli-kafka';

/**
 * The four input topics of KAFKA_BROKERS (under TOPIC_PREFIX) between two record timestamps,
 * read as `record` reads them (topics written in transactions included), then checked.
 */
export async function checkLiveTopics(
  from: number,
  to: number,
  sampleLimit: number,
): Promise<ConformanceReport> {
  const prefix = process.env.TOPIC_PREFIX ?? '';
  const topics = inputTopics(topicNames(prefix));
  const kafka = cliKafka('conformance --from/--to', 'uamd-conformance');
  const records = await readTopicRange(kafka, {
    topics,
    from,
    to,
    groupId: cliGroupId('conformance'),
  });
  // With SCHEMA_REGISTRY_URL, ids the catalog lacks are resolved through that registry.
  return runConformance(
    await codecFromEnvironment(),
    {
      kind: 'live topics',
      name: topics.join(', '),
      details: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    },
    exchangedFromTopics(records, prefix),
    conformanceChecks({ sampleLimit }),
  );
}
