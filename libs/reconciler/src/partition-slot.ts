import {
  InputAligner,
  type MatchingConfig,
  type PartitionState,
  type PlateMatcher,
} from '@uamd/domain';
import { type IncomingRecord } from '@uamd/messaging';
import { type ClaimedPartition } from '@uamd/state-store';
import { stateFromClaim } from './state-mapping';

/** What an instance holds of one partition it owns, from its claim until the next assignment. */
export interface PartitionSlot {
  partition: number;
  generation: number;
  epoch: string;
  state: PartitionState;
  /** Next offset to decide per input topic, as stored in Redis with the state. */
  offsets: Map<string, string>;
  /** Next offset to fetch per input topic: records between the two wait in the aligner. */
  fetched: Map<string, string>;
  aligner: InputAligner<IncomingRecord>;
  /** Input topics whose fetching is paused because they are far ahead of the others. */
  paused: Set<string>;
  /** Outbox batch ids published to Kafka but still in Redis: deleted by the next commit. */
  published: string[];
  /** The last publish, still in flight while the next records are decided. */
  publishing: Promise<void>;
  /** Wall clock when each `<post>|<country>` watermark last moved (live stale feeds). */
  lastAdvancedAt: Map<string, number>;
  /** Wall clock when each input topic last delivered records, and when the slot was claimed. */
  lastFetchedAt: Map<string, number>;
  claimedAt: number;
}

export function slotFromClaim(
  partition: number,
  generation: number,
  claimed: ClaimedPartition,
  inputs: number,
  matcher: PlateMatcher,
  config: MatchingConfig,
  claimedAt: number,
): PartitionSlot {
  return {
    partition,
    generation,
    epoch: claimed.epoch,
    state: stateFromClaim(claimed, matcher, config),
    offsets: claimed.offsets,
    fetched: new Map(),
    aligner: new InputAligner(inputs),
    paused: new Set(),
    published: [],
    publishing: Promise.resolve(),
    lastAdvancedAt: new Map(),
    lastFetchedAt: new Map(),
    claimedAt,
  };
}

/** Where a topic of the slot stands for fetching: past what is buffered, else where decisions stopped. */
export function nextToFetch(slot: PartitionSlot, topic: string): string | undefined {
  return slot.fetched.get(topic) ?? slot.offsets.get(topic);
}
