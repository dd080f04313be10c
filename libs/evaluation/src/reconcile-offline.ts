import { exactPlateMatcher, type OutputEvent } from '@uamd/domain';
import { observeBothSides, type ObservedEvent, type World } from '@uamd/traffic';
import { StreamingReconciler, type StreamingOptions } from './streaming-reconciler';

export type OfflineOptions = StreamingOptions;

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
  const reconciler = new StreamingReconciler(options);
  const byPartition = new Map<number, OutputEvent[]>();
  for (const { deliverAt, event } of events) {
    const outputs = reconciler.push(event, deliverAt);
    if (outputs.length === 0) continue;
    const partition = reconciler.partitionOf(event);
    const list = byPartition.get(partition);
    if (list) list.push(...outputs);
    else byPartition.set(partition, outputs);
  }
  // Partition by partition, as the topics' partitions hold them.
  return [...byPartition.keys()].sort((a, b) => a - b).flatMap((p) => byPartition.get(p)!);
}

/** The naive baseline on the same run: the same decision code with exact normalised-plate equality. */
export function exactPlateBaseline(
  world: World,
  options: Omit<OfflineOptions, 'matcher'> = {},
): OutputEvent[] {
  return reconcileOffline(world, { ...options, matcher: exactPlateMatcher });
}
