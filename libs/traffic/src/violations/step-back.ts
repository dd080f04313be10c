import { type InputEvent } from '@uamd/domain';
import { type ObservedEvent } from '../observe';
import {
  type Events,
  inFeed,
  type InjectionContext,
  isHeartbeat,
  patched,
  Picker,
} from './feed-events';
import { type StepBack } from './violation';

/**
 * TC-FEED-5, one of two ways. `upTo`: the first `count` heartbeats of the feed in the window,
 * after a first one, vouch `stepBackSeconds` short of the furthest `upTo` the feed has sent (a
 * promise taken back takes nothing back: TC-FEED-4 holds). `deliveredAt`: the first `count`
 * reads (or declarations) of the feed in the window are stamped `stepBackSeconds` before the
 * latest record of their partition (topic and key), in their place; a partition heartbeats
 * every interval, so the stamp stays within the clock-skew allowance (TC-FIELD-5).
 */
export function stepBack(
  events: Events,
  v: StepBack,
  ctx: InjectionContext,
): Generator<ObservedEvent> {
  return v.field === 'upTo' ? upToBack(events, v, ctx) : deliveryBack(events, v, ctx);
}

function* upToBack(events: Events, v: StepBack, ctx: InjectionContext): Generator<ObservedEvent> {
  const picker = new Picker(v, ctx, 'heartbeats after a first one');
  let furthest = -Infinity;
  for (const e of events) {
    const { event } = e;
    if (
      !inFeed(v.feed, event) ||
      (event.type !== 'CameraHeartbeat' && event.type !== 'DeclarationHeartbeat')
    ) {
      yield e;
      continue;
    }
    if (furthest > -Infinity && picker.take(e)) {
      yield patched(e, event, { upTo: furthest - Math.round(v.stepBackSeconds * 1000) });
      continue;
    }
    furthest = Math.max(furthest, event.data.upTo);
    yield e;
  }
  picker.finish();
}

function* deliveryBack(
  events: Events,
  v: StepBack,
  ctx: InjectionContext,
): Generator<ObservedEvent> {
  const picker = new Picker(v, ctx, v.feed.kind === 'camera' ? 'reads' : 'declarations');
  const latest = new Map<string, number>();
  for (const e of events) {
    const partition = partitionOf(e.event);
    const last = latest.get(partition);
    if (last !== undefined && inFeed(v.feed, e.event) && !isHeartbeat(e.event) && picker.take(e)) {
      yield { ...e, deliverAt: last - Math.round(v.stepBackSeconds * 1000) };
      continue;
    }
    latest.set(partition, Math.max(last ?? -Infinity, e.deliverAt));
    yield e;
  }
  picker.finish();
}

/** A side's partition: its plate-reads or declarations topic, keyed by crossing point. */
function partitionOf(event: InputEvent): string {
  const topic =
    event.type === 'PlateRead' || event.type === 'CameraHeartbeat' ? 'plate-reads' : 'declarations';
  return `${topic} ${event.data.crossingPoint}`;
}
