import { type ReconcilerObserver } from '@uamd/reconciler';

/** One observer telling several, in order (the runtime takes one). */
export function fanOut(...observers: readonly ReconcilerObserver[]): ReconcilerObserver {
  return {
    published: (entries, at) => {
      for (const o of observers) o.published?.(entries, at);
    },
    committed: (ms) => {
      for (const o of observers) o.committed?.(ms);
    },
    consumed: (topic, count) => {
      for (const o of observers) o.consumed?.(topic, count);
    },
  };
}
