import { type InputEvent } from '@uamd/domain';
import { type ObservedEvent } from '../observe';
import { createRng, type Rng } from '../prng';
import { type Events, inFeed, type InjectionContext, Picker } from './feed-events';
import { type Violation } from './violation';

/** A fault of one message's own fields: no other message changes, none moves. */
export interface MessageFault {
  /** The messages it takes, for errors: `reads`, `declarations with a release`. */
  what: string;
  takes(event: InputEvent): boolean;
  /** The message made wrong; draws come from a stream seeded by the violation and the message. */
  change(e: ObservedEvent, rng: Rng): ObservedEvent;
}

/** The first `count` messages of the feed in the window that `fault` takes, made wrong by it. */
export function* faultMessages(
  events: Events,
  v: Violation & { count: number },
  ctx: InjectionContext,
  fault: MessageFault,
): Generator<ObservedEvent> {
  const picker = new Picker(v, ctx, fault.what);
  for (const e of events) {
    if (inFeed(v.feed, e.event) && fault.takes(e.event) && picker.take(e))
      yield fault.change(
        e,
        createRng(ctx.seed, `violations[${ctx.index}]:${e.event.data.eventId}`),
      );
    else yield e;
  }
  picker.finish();
}

/** For a `change` handed a message its `takes` refused: a bug, never a quiet no-op. */
export function notTaken(e: ObservedEvent): never {
  throw new Error(`a fault was handed a ${e.event.type} it does not take`);
}
