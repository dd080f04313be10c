import { type ObservedEvent } from '../observe';
import {
  type Events,
  inFeed,
  type InjectionContext,
  isHeartbeat,
  patched,
  Picker,
} from './feed-events';
import { type DishonestHeartbeat } from './violation';

/**
 * TC-FEED-4: the first `count` reads (or declarations) of the feed in the window are held back
 * until just after the feed's next heartbeat, whose `upTo` vouches for their time all the same:
 * a camera whose watermark follows its clock while a read waits. Its `lastSequence` stays below
 * a held read, so the numbering holds (TC-FEED-1); the delay is one heartbeat interval, well
 * inside the deadline. A held message that heartbeat does not vouch for after all does not
 * count, and the next one is taken.
 */
export function* deliverAfterHeartbeat(
  events: Events,
  v: DishonestHeartbeat,
  ctx: InjectionContext,
): Generator<ObservedEvent> {
  const picker = new Picker(v, ctx, v.feed.kind === 'camera' ? 'reads' : 'declarations');
  let held: ObservedEvent[] = [];
  for (const e of events) {
    if (!inFeed(v.feed, e.event)) yield e;
    else if (!isHeartbeat(e.event)) {
      if (picker.take(e)) held.push(e);
      else yield e;
    } else if (held.length === 0) yield e;
    else {
      const heartbeat = sequencesBelow(e, held);
      yield heartbeat;
      for (const h of held) {
        if (!vouchedFor(h, heartbeat)) picker.giveBack();
        yield { ...h, deliverAt: heartbeat.deliverAt };
      }
      held = [];
    }
  }
  // Left over at the end: no heartbeat came to break its promise.
  for (const h of held) {
    picker.giveBack();
    yield h;
  }
  picker.finish();
}

/** A camera heartbeat vouching only below the held reads' numbers. */
function sequencesBelow(e: ObservedEvent, held: readonly ObservedEvent[]): ObservedEvent {
  if (e.event.type !== 'CameraHeartbeat') return e;
  let sequence = e.event.data.lastSequence;
  for (const { event } of held)
    if (event.type === 'PlateRead') sequence = Math.min(sequence, event.data.sequence - 1);
  return patched(e, e.event, { lastSequence: sequence });
}

/** Whether the heartbeat's upTo is at or after the held message's own time. */
function vouchedFor(held: ObservedEvent, heartbeat: ObservedEvent): boolean {
  const { event } = heartbeat;
  if (event.type !== 'CameraHeartbeat' && event.type !== 'DeclarationHeartbeat') return false;
  const h = held.event;
  const at =
    h.type === 'PlateRead'
      ? h.data.captureTime
      : h.type === 'CustomsDeclaration'
        ? h.data.lodgedAt
        : Infinity;
  return at <= event.data.upTo;
}
