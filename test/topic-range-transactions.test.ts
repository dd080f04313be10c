import { ensureTopics, readTopicRange } from '@uamd/messaging';
import { testKafka } from './support/test-kafka';

/**
 * The topic-range reader behind `record` and `latency` on a topic written in transactions (as
 * a partner's exactly-once producer writes): the partition ends on a commit marker that no
 * message reaches. It used to wait there forever; it must stop at the end with every committed
 * message and nothing of an aborted transaction.
 */
describe('readTopicRange on a transactionally written topic', () => {
  it('returns the committed messages and stops at the end', async () => {
    const kafka = testKafka('range-tx');
    const topic = `range-tx-${process.pid}-${Date.now()}`;
    await ensureTopics(kafka, [topic], 1);
    const producer = kafka.producer({
      transactionalId: `range-tx-${process.pid}`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const from = Date.now() - 60_000;
    try {
      const committed = await producer.transaction();
      await committed.send({ topic, messages: [{ value: 'a' }, { value: 'b' }] });
      await committed.commit();
      const aborted = await producer.transaction();
      await aborted.send({ topic, messages: [{ value: 'x' }] });
      await aborted.abort();
      const last = await producer.transaction();
      await last.send({ topic, messages: [{ value: 'c' }] });
      await last.commit();
    } finally {
      await producer.disconnect();
    }
    const records = await readTopicRange(kafka, {
      topics: [topic],
      from,
      to: Date.now(),
      groupId: `range-tx-read-${Date.now()}`,
    });
    expect(records.map((r) => r.value?.toString())).toEqual(['a', 'b', 'c']);
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }, 60_000);
});
