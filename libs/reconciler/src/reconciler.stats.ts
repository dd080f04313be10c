import { type OutputEventType } from '@uamd/domain';

/** Counters a monitor or the CLI reads. */
export class ReconcilerStats {
  consumed = 0;
  deadLettered = 0;
  batches = 0;
  republished = 0;
  /** Partitions taken again after their projection vanished or a round trip failed. */
  reclaims = 0;
  /** Projections dropped because they were ahead of the log (its topics created again). */
  projectionsDropped = 0;
  /** Inputs below their own feed's heartbeat (a feed breaking its promise): decided, and counted. */
  lateInputs = 0;
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
      reclaims: this.reclaims,
      projectionsDropped: this.projectionsDropped,
      lateInputs: this.lateInputs,
      outputs: { ...this.outputs },
    };
  }
}
