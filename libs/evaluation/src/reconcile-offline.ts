import {
  DEFAULT_MATCHING_CONFIG,
  exactPlateMatcher,
  initialState,
  partitionFor,
  reconcile,
  type MatchingConfig,
  type OutputEvent,
  type PartitionState,
  type PlateMatcher,
} from '@uamd/domain';
import { observeBothSides, type World } from '@uamd/traffic';

export interface OfflineOptions {
  /** Defaults to whatever `reconcile` uses by default. */
  matcher?: PlateMatcher;
  config?: MatchingConfig;
  /** Partition count the posts are spread over (DESIGN.md §2); 3 as the topics by default. */
  partitions?: number;
}

/**
 * The reconciler's decisions on a world without Kafka or Redis: both sides' observed events,
 * merged in delivery order (UA before MD at the same instant), through the domain's pure
 * `reconcile`, one event at a time per partition state. Offline and deterministic, so the
 * benchmark and `evaluate` can score a whole simulated day in seconds.
 */
export function reconcileOffline(world: World, options: OfflineOptions = {}): OutputEvent[] {
  const config = options.config ?? DEFAULT_MATCHING_CONFIG;
  const partitions = options.partitions ?? 3;
  const states = new Map<number, PartitionState>();
  const outputs: OutputEvent[] = [];
  for (const { event } of observeBothSides(world)) {
    const partition = partitionFor(event.data.crossingPoint, partitions);
    let state = states.get(partition);
    if (!state) states.set(partition, (state = initialState()));
    const result = reconcile(state, [{ event, receivedAt: 0, origin: null }], {
      config,
      now: 0,
      ...(options.matcher ? { matcher: options.matcher } : {}),
    });
    for (const output of result.outputs) outputs.push(output);
  }
  return outputs;
}

/** The naive baseline on the same run: the same decision code with exact normalised-plate equality. */
export function exactPlateBaseline(
  world: World,
  options: Omit<OfflineOptions, 'matcher'> = {},
): OutputEvent[] {
  return reconcileOffline(world, { ...options, matcher: exactPlateMatcher });
}
