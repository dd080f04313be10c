import { type Country } from '@uamd/domain';

/**
 * A feed as the technical conditions name them (docs/technical-conditions.md, TC-FEED-3): one
 * camera, its reads and heartbeats; or one post's declaration feed of one country.
 */
export type FeedRef =
  | { kind: 'camera'; cameraId: string; country: Country; crossingPoint: string }
  | { kind: 'declarations'; country: Country; crossingPoint: string };

/** Where a violation is injected: one feed, from `from` (inclusive) to `to` (exclusive), in ms. */
interface Placed {
  feed: FeedRef;
  from: number;
  to: number;
}

/** A violation that hits the first `count` messages of its kind that the window delivers. */
interface Counted extends Placed {
  count: number;
}

/** Fields made wrong: a lane off the registry, a plate character, an MRN check character, goods. */
export interface FieldFault extends Counted {
  condition: 'TC-FIELD-1' | 'TC-FIELD-2' | 'TC-FIELD-3' | 'TC-FIELD-4';
}

/** Reads stamped `aheadSeconds` after their delivery. */
export interface CaptureAhead extends Counted {
  condition: 'TC-FIELD-5';
  aheadSeconds: number;
}

/** Reads (TC-TIME-1) or declarations (TC-TIME-2) `lateMinutes` late, the heartbeats honest. */
export interface LateDelivery extends Counted {
  condition: 'TC-TIME-1' | 'TC-TIME-2';
  lateMinutes: number;
}

/** A camera skips a number (`gap`), or numbers two reads alike (`repeat`). */
export interface SequenceFault extends Counted {
  condition: 'TC-FEED-1';
  fault: 'gap' | 'repeat';
}

/** A heartbeat reuses the event id of its feed's previous heartbeat. */
export interface DuplicateId extends Counted {
  condition: 'TC-FEED-2';
}

/** The feed sends no heartbeat in the window (its other messages still go). */
export interface HeartbeatSilence extends Placed {
  condition: 'TC-FEED-3';
}

/** A read or declaration held past its feed's next heartbeat, which vouches for its time anyway. */
export interface DishonestHeartbeat extends Counted {
  condition: 'TC-FEED-4';
}

/** A heartbeat's `upTo`, or a read's or declaration's delivery, set `stepBackSeconds` behind. */
export interface StepBack extends Counted {
  condition: 'TC-FEED-5';
  field: 'upTo' | 'deliveredAt';
  stepBackSeconds: number;
}

/** Declarations released `releasedBeforeMinutes` before they were lodged. */
export interface ReleasedBeforeLodged extends Counted {
  condition: 'TC-DECL-1';
  releasedBeforeMinutes: number;
}

/**
 * A violation of one technical condition that the generator injects into a scenario's traffic
 * as it is observed (`injectViolations`), for the conformance checker's own tests: each hits
 * exactly its condition and leaves every other mandatory one passing.
 */
export type Violation =
  | FieldFault
  | CaptureAhead
  | LateDelivery
  | SequenceFault
  | DuplicateId
  | HeartbeatSilence
  | DishonestHeartbeat
  | StepBack
  | ReleasedBeforeLodged;

export type InjectableCondition = Violation['condition'];

/**
 * The figures of docs/technical-conditions.md an injected violation must go past to be one
 * (libs/conformance checks against them): the delivery deadline of TC-TIME-1 and TC-TIME-2,
 * the clock-skew allowance of TC-FIELD-5, the longest silence of TC-FEED-3 (30 s × 2).
 */
export const CONDITION_LIMITS = {
  deadlineMinutes: 15,
  maxAheadOfDeliverySeconds: 180,
  maxSilenceSeconds: 60,
} as const;
