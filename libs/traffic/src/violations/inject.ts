import { type Country } from '@uamd/domain';
import { type ObservedEvent } from '../observe';
import { mergeSides, splitSides } from '../side-streams';
import { deliverAfterHeartbeat } from './dishonest-heartbeat';
import { duplicateIds } from './duplicate-ids';
import { type Events, type InjectionContext } from './feed-events';
import {
  BAD_GOODS,
  captureAhead,
  releasedBefore,
  UNKNOWN_LANE,
  WRONG_MRN_CHECK,
} from './field-faults';
import { silenceHeartbeats } from './heartbeat-silence';
import { deliverLate } from './late-delivery';
import { faultMessages } from './message-faults';
import { BAD_PLATE } from './plate-faults';
import { renumber } from './sequence-faults';
import { stepBack } from './step-back';
import { type Violation } from './violation';

/**
 * One side's observed events, in publishing order, with the scenario's violations of that
 * side's feeds injected: each in the order listed, into the traffic the ones before it left.
 * Lazy, so a streamed month stays streamed; deterministic in the seed. Throws, once the
 * traffic is through, when a violation could not be injected as often as it asks.
 */
export function injectViolations(
  events: Events,
  country: Country,
  violations: readonly Violation[],
  seed: number,
): Events {
  let out = events;
  violations.forEach((v, index) => {
    if (v.feed.country === country) out = injectOne(out, v, { seed, index });
  });
  return out;
}

/**
 * Both sides' events (UA before MD at the same instant) with the violations injected: each side
 * on its own, as `observeSide` does, then merged again as `observeBothSides` merges them, so
 * the streamed and the whole-world traffic stay the same.
 */
export function* injectBothSides(
  events: Events,
  violations: readonly Violation[],
  seed: number,
): Generator<ObservedEvent> {
  const sides = splitSides(events);
  yield* mergeSides(
    injectViolations(sides.UA, 'UA', violations, seed),
    injectViolations(sides.MD, 'MD', violations, seed),
  );
}

function injectOne(events: Events, v: Violation, ctx: InjectionContext): Events {
  switch (v.condition) {
    case 'TC-FIELD-1':
      return faultMessages(events, v, ctx, UNKNOWN_LANE);
    case 'TC-FIELD-2':
      return faultMessages(events, v, ctx, BAD_PLATE);
    case 'TC-FIELD-3':
      return faultMessages(events, v, ctx, WRONG_MRN_CHECK);
    case 'TC-FIELD-4':
      return faultMessages(events, v, ctx, BAD_GOODS);
    case 'TC-FIELD-5':
      return faultMessages(events, v, ctx, captureAhead(v.aheadSeconds));
    case 'TC-DECL-1':
      return faultMessages(events, v, ctx, releasedBefore(v.releasedBeforeMinutes));
    case 'TC-TIME-1':
    case 'TC-TIME-2':
      return deliverLate(events, v, ctx);
    case 'TC-FEED-1':
      return renumber(events, v, ctx);
    case 'TC-FEED-2':
      return duplicateIds(events, v, ctx);
    case 'TC-FEED-3':
      return silenceHeartbeats(events, v, ctx);
    case 'TC-FEED-4':
      return deliverAfterHeartbeat(events, v, ctx);
    case 'TC-FEED-5':
      return stepBack(events, v, ctx);
    default: {
      const unreachable: never = v;
      throw new Error(`unknown violation ${JSON.stringify(unreachable)}`);
    }
  }
}
