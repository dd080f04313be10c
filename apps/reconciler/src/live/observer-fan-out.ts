import { type ReconcilerObserver } from '@uamd/reconciler';
import { type PublishedListener, readPublished } from '../metrics/published-output';

/**
 * The runtime's one observer: the metrics hear everything, and each published record is read
 * from its headers once, then handed to the metrics and every other listener (the live page).
 */
export function fanOut(
  metrics: ReconcilerObserver & PublishedListener,
  ...listeners: readonly PublishedListener[]
): ReconcilerObserver {
  return {
    published: (entries, at) => {
      for (const entry of entries) {
        const published = readPublished(entry, at);
        metrics.output(published);
        for (const l of listeners) l.output(published);
      }
    },
    committed: (ms) => metrics.committed?.(ms),
    consumed: (topic, count) => metrics.consumed?.(topic, count),
  };
}
