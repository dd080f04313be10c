import { type ObservedEvent } from '../observe';
import {
  type Events,
  inFeed,
  type InjectionContext,
  isHeartbeat,
  patched,
  Picker,
} from './feed-events';
import { type LateDelivery } from './violation';

/**
 * TC-TIME-1, TC-TIME-2: the first `count` reads (or declarations) of the feed in the window are
 * delivered `lateMinutes` later, in their place among the rest of the traffic. Meanwhile the
 * feed's heartbeats stay honest, as a camera holding a read back must (TC-FEED-4): they vouch
 * for nothing at or after the held messages' times, nor (a camera) for their sequence numbers.
 */
export function* deliverLate(
  events: Events,
  v: LateDelivery,
  ctx: InjectionContext,
): Generator<ObservedEvent> {
  const picker = new Picker(v, ctx, v.condition === 'TC-TIME-1' ? 'reads' : 'declarations');
  const lateMs = Math.round(v.lateMinutes * 60_000);
  /** Held messages at their new delivery time, earliest first. */
  const held: ObservedEvent[] = [];
  for (const e of events) {
    while (held.length > 0 && held[0]!.deliverAt < e.deliverAt) yield held.shift()!;
    const own = inFeed(v.feed, e.event);
    if (own && !isHeartbeat(e.event) && picker.take(e)) {
      hold(held, { ...e, deliverAt: e.deliverAt + lateMs });
      continue;
    }
    yield own && held.length > 0 ? heldBack(e, held) : e;
  }
  yield* held;
  picker.finish();
}

function hold(held: ObservedEvent[], e: ObservedEvent): void {
  let i = held.length;
  while (i > 0 && held[i - 1]!.deliverAt > e.deliverAt) i--;
  held.splice(i, 0, e);
}

/** A heartbeat of the feed while messages are held: below the earliest of them. */
function heldBack(e: ObservedEvent, held: readonly ObservedEvent[]): ObservedEvent {
  const { event } = e;
  if (event.type === 'CameraHeartbeat') {
    let capture = Infinity;
    let sequence = Infinity;
    for (const { event: h } of held)
      if (h.type === 'PlateRead') {
        capture = Math.min(capture, h.data.captureTime);
        sequence = Math.min(sequence, h.data.sequence);
      }
    return patched(e, event, {
      upTo: Math.min(event.data.upTo, capture - 1),
      lastSequence: Math.min(event.data.lastSequence, sequence - 1),
    });
  }
  if (event.type === 'DeclarationHeartbeat') {
    let lodged = Infinity;
    for (const { event: h } of held)
      if (h.type === 'CustomsDeclaration') lodged = Math.min(lodged, h.data.lodgedAt);
    return patched(e, event, { upTo: Math.min(event.data.upTo, lodged - 1) });
  }
  return e;
}
