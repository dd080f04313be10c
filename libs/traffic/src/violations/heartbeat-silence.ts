import { type ObservedEvent } from '../observe';
import {
  type Events,
  inFeed,
  type InjectionContext,
  isHeartbeat,
  labelOf,
  windowText,
} from './feed-events';
import { type HeartbeatSilence } from './violation';

/**
 * TC-FEED-3: the feed delivers no heartbeat in the window; its reads or declarations still go.
 * The window is at least the longest silence allowed, so the feed is silent for longer: one
 * violation, at its first heartbeat after the window (or at the end of the traffic).
 */
export function* silenceHeartbeats(
  events: Events,
  v: HeartbeatSilence,
  ctx: InjectionContext,
): Generator<ObservedEvent> {
  let dropped = 0;
  for (const e of events) {
    const silenced =
      inFeed(v.feed, e.event) &&
      isHeartbeat(e.event) &&
      e.deliverAt >= v.from &&
      e.deliverAt < v.to;
    if (silenced) dropped += 1;
    else yield e;
  }
  if (dropped === 0)
    throw new Error(
      `${labelOf(v, ctx)}: the feed sends no heartbeat in the window ${windowText(v)} to leave out`,
    );
}
