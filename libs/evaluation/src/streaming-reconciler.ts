import {
  DEFAULT_MATCHING_CONFIG,
  feedRankOf,
  initialState,
  InputAligner,
  INPUT_FEEDS,
  partitionFor,
  reconcile,
  type InputEvent,
  type MatchingConfig,
  type OutputEvent,
  type PartitionState,
  type PlateMatcher,
} from '@uamd/domain';

export interface StreamingOptions {
  /** Defaults to whatever `reconcile` uses by default. */
  matcher?: PlateMatcher;
  config?: MatchingConfig;
  /** Partition count the posts are spread over (docs/design.md §2); 3 as the topics by default. */
  partitions?: number;
}

interface Lane {
  aligner: InputAligner<InputEvent>;
  state: PartitionState;
}

/**
 * The reconciler's decisions on a stream of exchanged events, without Kafka or Redis: per
 * partition the same merge and the same pure `reconcile` as the live reconciler (docs/design.md
 * §3), run as records come, so memory is the merge buffer and the pending vehicles, not the
 * source. What the merge still holds when the source ends stays undecided, as it would live.
 */
export class StreamingReconciler {
  private readonly lanes = new Map<number, Lane>();
  private readonly config: MatchingConfig;
  private readonly partitions: number;

  constructor(private readonly options: StreamingOptions = {}) {
    this.config = options.config ?? DEFAULT_MATCHING_CONFIG;
    this.partitions = options.partitions ?? 3;
  }

  /** The partition an input is merged and decided in. */
  partitionOf(event: InputEvent): number {
    return partitionFor(event.data.crossingPoint, this.partitions);
  }

  /** One decoded input at its delivery time; returns the outputs it released. */
  push(event: InputEvent, deliveredAt: number): OutputEvent[] {
    const partition = this.partitionOf(event);
    let lane = this.lanes.get(partition);
    if (!lane) {
      lane = { aligner: new InputAligner(INPUT_FEEDS.length), state: initialState() };
      this.lanes.set(partition, lane);
    }
    lane.aligner.push(feedRankOf(event), event, deliveredAt);
    const released = lane.aligner.release();
    if (released.length === 0) return [];
    const inputs = released.map(({ item, at }) => ({ event: item, loggedAt: at, origin: null }));
    const { matcher } = this.options;
    return reconcile(lane.state, inputs, { config: this.config, ...(matcher ? { matcher } : {}) })
      .outputs;
  }

  /**
   * What the merge and the decisions hold now, in messages and vehicles: records buffered while
   * a feed is silent, reads waiting for their other half, reads kept to drop redeliveries,
   * declaration cases. Small while every feed heartbeats; it grows without end on a source where
   * one never does, so a caller bounding memory watches it.
   */
  held(): number {
    let n = 0;
    for (const { aligner, state } of this.lanes.values())
      n += aligner.totalBuffered + state.pending.size + state.done.size + state.cases.size;
    return n;
  }

  /** Exits still waiting for their entry (not matched, not yet overdue) per crossing point. */
  pendingExits(): Map<string, number> {
    const pending = new Map<string, number>();
    for (const { state } of this.lanes.values())
      for (const read of state.pending.values())
        if (read.direction === 'EXIT' && read.crossingId === null && !read.overdueAlarmId)
          pending.set(read.crossingPoint, (pending.get(read.crossingPoint) ?? 0) + 1);
    return pending;
  }
}
