import { type ObservedEvent } from '../observe';
import { type Events, inFeed, type InjectionContext, patched, Picker } from './feed-events';
import { type SequenceFault } from './violation';

/** From original number `from` on, the camera's numbers move by `by`. */
interface Shift {
  from: number;
  by: number;
}

/**
 * TC-FEED-1 by renumbering the camera, so that no read is lost or added and no other condition
 * notices. A gap: from the first `count` reads in the window that are not late (above every
 * number delivered so far), the camera skips a number; its heartbeats vouch for the skipped one,
 * and the checker finds it never delivered. A repeat: the read after such a read gets its number,
 * and the heartbeats between the two vouch only below it, so the second is a repeat and breaks
 * no heartbeat's promise (TC-FEED-4).
 */
export function* renumber(
  events: Events,
  v: SequenceFault,
  ctx: InjectionContext,
): Generator<ObservedEvent> {
  const picker = new Picker(v, ctx, 'reads');
  const shifts: Shift[] = [];
  const shiftOf = (n: number) => shifts.reduce((sum, s) => (n >= s.from ? sum + s.by : sum), 0);
  let highest = -1;
  /** For a repeat: the number the camera's next read will repeat, until that read comes. */
  let repeating: number | null = null;
  for (const e of events) {
    const { event } = e;
    if (!inFeed(v.feed, event)) yield e;
    else if (event.type === 'PlateRead') {
      const n = event.data.sequence;
      if (repeating !== null && n === repeating + 1) repeating = null;
      else if (repeating === null && n > highest && picker.take(e)) {
        shifts.push(v.fault === 'gap' ? { from: n, by: 1 } : { from: n + 1, by: -1 });
        if (v.fault === 'repeat') repeating = n;
      }
      highest = Math.max(highest, n);
      yield patched(e, event, { sequence: n + shiftOf(n) });
    } else if (event.type === 'CameraHeartbeat') {
      const last = event.data.lastSequence;
      let vouched = last + shiftOf(last);
      if (repeating !== null) vouched = Math.min(vouched, repeating + shiftOf(repeating) - 1);
      yield patched(e, event, { lastSequence: vouched });
    } else yield e;
  }
  // A repeat whose next read never came was not injected.
  if (repeating !== null) picker.giveBack();
  picker.finish();
}
