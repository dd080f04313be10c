import {
  DEFAULT_MATCHING_CONFIG,
  exactPlateMatcher,
  feedRankOf,
  initialState,
  InputAligner,
  INPUT_FEEDS,
  partitionFor,
  reconcile,
  type InputEvent,
  type MatchingConfig,
  type OutputEvent,
  type PlateMatcher,
} from '@uamd/domain';
import { observeBothSides, type ObservedEvent, type World } from '@uamd/traffic';

export interface OfflineOptions {
  /** Defaults to whatever `reconcile` uses by default. */
  matcher?: PlateMatcher;
  config?: MatchingConfig;
  /** Partition count the posts are spread over (docs/design.md §2); 3 as the topics by default. */
  partitions?: number;
}

/**
 * The reconciler's decisions on a world without Kafka or Redis: each side's observed events
 * split into the feeds (topics) they are published on, with their delivery times as record
 * timestamps, merged per partition by the same aligner as the live reconciler (docs/design.md §3),
 * through the domain's pure `reconcile`. So it decides exactly what a replay of the same
 * traffic decides, and the benchmark and `evaluate` can score a whole simulated day in seconds.
 */
export function reconcileOffline(world: World, options: OfflineOptions = {}): OutputEvent[] {
  return reconcileObserved(observeBothSides(world), options);
}

/** The same for events already observed (a traffic file), in each feed's publishing order. */
export function reconcileObserved(
  events: Iterable<ObservedEvent>,
  options: OfflineOptions = {},
): OutputEvent[] {
  const config = options.config ?? DEFAULT_MATCHING_CONFIG;
  const partitions = options.partitions ?? 3;
  const aligners = new Map<number, InputAligner<InputEvent>>();
  for (const { deliverAt, event } of events) {
    const partition = partitionFor(event.data.crossingPoint, partitions);
    let aligner = aligners.get(partition);
    if (!aligner) aligners.set(partition, (aligner = new InputAligner(INPUT_FEEDS.length)));
    aligner.push(feedRankOf(event), event, deliverAt);
  }
  const outputs: OutputEvent[] = [];
  for (const partition of [...aligners.keys()].sort((a, b) => a - b)) {
    const inputs = aligners
      .get(partition)!
      .release()
      .map(({ item, at }) => ({ event: item, loggedAt: at, origin: null }));
    const result = reconcile(initialState(), inputs, {
      config,
      ...(options.matcher ? { matcher: options.matcher } : {}),
    });
    outputs.push(...result.outputs);
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
