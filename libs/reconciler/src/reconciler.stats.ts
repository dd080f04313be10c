import { type OutputEventType } from '@uamd/domain';

/** Counters a monitor or the CLI reads; latency samples are wall-clock ms from input-in-Kafka to decision. */
export class ReconcilerStats {
  consumed = 0;
  deadLettered = 0;
  batches = 0;
  republished = 0;
  outputs: Record<OutputEventType, number> = {
    CrossingMatched: 0,
    CrossingOverdue: 0,
    CrossingDiscrepancy: 0,
    FeedStale: 0,
  };

  snapshot() {
    return {
      consumed: this.consumed,
      deadLettered: this.deadLettered,
      batches: this.batches,
      republished: this.republished,
      outputs: { ...this.outputs },
    };
  }
}
