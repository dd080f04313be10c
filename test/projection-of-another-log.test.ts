import { ensureTopics, inputTopics } from '@uamd/messaging';
import { plateRead } from '../libs/domain/src/testing/event-builders';
import { ExchangeHarness, PARTITIONS } from './support/exchange-harness';
import { waitFor } from './support/wait-for';

/**
 * The input topics deleted and created again under a Redis projection that outlived them
 * (`uamd stack down --purge` with the machine's own Redis kept): the stored offsets point past
 * the end of the new log. The reconciler must notice, drop that projection and decide the new
 * log from its start, instead of waiting forever at offsets that will not come.
 */
describe('a Redis projection of a log that no longer exists', () => {
  let h: ExchangeHarness | undefined;
  afterAll(async () => {
    await h?.close();
  });

  it('is dropped, and the new log is decided from its start', async () => {
    h = await ExchangeHarness.create('relog');
    const first = await h.startReconciler();
    for (let i = 0; i < 5; i++) {
      const minute = i * 10;
      await h.publishAndVouch(
        minute + 6,
        plateRead('UA', 'EXIT', `KH40${i}0KH`, minute),
        plateRead('MD', 'ENTRY', `KH40${i}0KH`, minute + 5),
      );
    }
    await waitFor(() => h!.matched().length === 5, 'the five crossings of the first log');
    await first.stop();

    const topics = inputTopics(h.topics);
    const admin = h.kafka.admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics });
      // Deletion completes in the background; creation fails until it has.
      await waitFor(async () => {
        const left = (await admin.listTopics()).filter((t) => topics.includes(t));
        return left.length === 0;
      }, 'the input topics to be deleted');
    } finally {
      await admin.disconnect();
    }
    await waitFor(
      () =>
        ensureTopics(h!.kafka, topics, PARTITIONS).then(
          () => true,
          () => false,
        ),
      'the input topics to be created again',
    );

    const exit = plateRead('UA', 'EXIT', 'KH4999KH', 100);
    await h.publishAndVouch(106, exit, plateRead('MD', 'ENTRY', 'KH4999KH', 105));
    const second = await h.startReconciler();
    await waitFor(
      () => h!.matched().some((m) => m.exitEventId === exit.data.eventId),
      'the crossing of the new log',
      60_000,
    );
    expect(second.stats.projectionsDropped).toBeGreaterThanOrEqual(1);
    expect(h.matched()).toHaveLength(6);
  });
});
