import { readReconcilerConfig } from './reconciler.config';

describe('readReconcilerConfig', () => {
  it('joins the group under its topic prefix by default, where a secured cluster grants it one', () => {
    expect(readReconcilerConfig({ KAFKA_BROKERS: 'a:9092' }).groupId).toBe('reconciler');
    expect(readReconcilerConfig({ KAFKA_BROKERS: 'a:9092', TOPIC_PREFIX: 'run1.' }).groupId).toBe(
      'run1.reconciler',
    );
    expect(
      readReconcilerConfig({ KAFKA_BROKERS: 'a:9092', TOPIC_PREFIX: 'run1.', GROUP_ID: 'mine' })
        .groupId,
    ).toBe('mine');
  });

  it('is plaintext without a login in its environment', () => {
    expect(readReconcilerConfig({ KAFKA_BROKERS: 'a:9092' }).kafkaSecurity).toEqual({});
  });
});
