import { DEFAULT_MAX_PAST_MS, type CustomsConfig } from '@uamd/config';
import { type EventProducer, type OutgoingRecord } from '@uamd/messaging';

/**
 * Stands in for Kafka at the port, for specs of the HTTP edge (test/customs-service.test.ts
 * covers the broker); `failing` makes every send refuse as a broker short of replicas would.
 */
export class RecordingProducer implements EventProducer {
  readonly records: OutgoingRecord[] = [];
  failing = false;

  send(records: readonly OutgoingRecord[]): Promise<void> {
    if (this.failing) return Promise.reject(new Error('not enough in-sync replicas'));
    this.records.push(...records);
    return Promise.resolve();
  }

  disconnect(): Promise<void> {
    return Promise.resolve();
  }
}

/** A UA service with HTTP intake only, for in-process specs. */
export const SPEC_CONFIG: CustomsConfig = {
  country: 'UA',
  brokers: [],
  port: 0,
  host: '127.0.0.1',
  topicPrefix: 'spec.',
  partitions: 3,
  scenario: 'tiny',
  seed: 1,
  noise: 1,
  speed: 'max',
  simulate: false,
  maxFutureSkewMs: 300_000,
  maxPastMs: DEFAULT_MAX_PAST_MS,
};
