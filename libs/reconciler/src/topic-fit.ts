import { type InputEvent } from '@uamd/domain';
import { inputTopicFor, type IncomingRecord, type TopicNames } from '@uamd/messaging';

/**
 * Per-country topics are the trust boundary (docs/design.md §1): a record counts only on the
 * topic its type and country name, keyed by its own crossing point. Anything else (a Moldovan
 * entry written to `ua.plate-reads`, a declaration on a plate-reads topic, a read keyed by another
 * post) is not data of that administration, and is dead-lettered as WRONG_TOPIC with why.
 */
export function topicMisfit(
  topics: TopicNames,
  record: IncomingRecord,
  event: InputEvent,
): string | undefined {
  const { country, crossingPoint } = event.data;
  const expected = inputTopicFor(topics, event.type, country);
  if (record.topic !== expected)
    return `a ${event.type} of ${country} on ${record.topic}: it belongs on ${expected}`;
  const key = record.key?.toString('utf8');
  if (key !== crossingPoint)
    return `a ${event.type} of ${crossingPoint} keyed ${key === undefined ? 'without a key' : `'${key}'`}: the key must be its crossing point`;
  return undefined;
}
