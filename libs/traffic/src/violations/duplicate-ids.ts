import { type ObservedEvent } from '../observe';
import {
  type Events,
  inFeed,
  type InjectionContext,
  isHeartbeat,
  patched,
  Picker,
} from './feed-events';
import { type DuplicateId } from './violation';

/**
 * TC-FEED-2: the first `count` heartbeats of the feed in the window reuse the event id of the
 * feed's heartbeat before them, as a retried send that kept the old id. A heartbeat is what a
 * receiver can lose by it without harm: the next one vouches for the same and more.
 */
export function* duplicateIds(
  events: Events,
  v: DuplicateId,
  ctx: InjectionContext,
): Generator<ObservedEvent> {
  const picker = new Picker(v, ctx, 'heartbeats after a first one');
  let previous: string | null = null;
  for (const e of events) {
    const { event } = e;
    if (!inFeed(v.feed, event) || !isHeartbeat(event)) {
      yield e;
      continue;
    }
    if (previous !== null && picker.take(e)) {
      yield patched(e, event, { eventId: previous });
      continue;
    }
    previous = event.data.eventId;
    yield e;
  }
  picker.finish();
}
