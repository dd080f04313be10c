import {
  DEFAULT_MATCHING_CONFIG,
  exactPlateMatcher,
  initialState,
  partitionFor,
  reconcile,
  type CrossingMatched,
  type MatchingConfig,
  type OutputEvent,
  type PartitionState,
} from '@uamd/domain';
import { observeSide, type World } from '@uamd/traffic';

/**
 * The naive baseline on the same run: both sides' observed events, in delivery order, through
 * the same decision code with exact normalised-plate equality. Offline and deterministic.
 */
export function exactPlateBaseline(
  world: World,
  config: MatchingConfig = DEFAULT_MATCHING_CONFIG,
  partitions = 3,
): CrossingMatched[] {
  const events = [...observeSide(world, 'UA'), ...observeSide(world, 'MD')].sort(
    (a, b) => a.deliverAt - b.deliverAt,
  );
  const states = new Map<number, PartitionState>();
  const matched: CrossingMatched[] = [];
  const collect = (outputs: OutputEvent[]) => {
    for (const o of outputs) if (o.type === 'CrossingMatched') matched.push(o.data);
  };
  for (const { event } of events) {
    const partition = partitionFor(event.data.crossingPoint, partitions);
    let state = states.get(partition);
    if (!state) {
      state = initialState();
      states.set(partition, state);
    }
    collect(
      reconcile(state, [{ event, receivedAt: 0, origin: null }], {
        config,
        now: 0,
        matcher: exactPlateMatcher,
      }).outputs,
    );
  }
  return matched;
}
