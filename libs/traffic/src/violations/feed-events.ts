import { type InputEvent } from '@uamd/domain';
import { type ObservedEvent } from '../observe';
import { type FeedRef, type Violation } from './violation';

/** One side's observed events in publishing order, as a violation reads and rewrites them. */
export type Events = Iterable<ObservedEvent>;

/** Which violation of the scenario is being injected, for its draws and its errors. */
export interface InjectionContext {
  seed: number;
  /** Its place in the scenario's `violations` list. */
  index: number;
}

/**
 * Whether the event is one of the feed's: a camera's reads and heartbeats, or a post's
 * declarations of one country and their heartbeats.
 */
export function inFeed(feed: FeedRef, event: InputEvent): boolean {
  switch (event.type) {
    case 'PlateRead':
    case 'CameraHeartbeat':
      return feed.kind === 'camera' && event.data.cameraId === feed.cameraId;
    case 'CustomsDeclaration':
    case 'DeclarationHeartbeat':
      return (
        feed.kind === 'declarations' &&
        event.data.country === feed.country &&
        event.data.crossingPoint === feed.crossingPoint
      );
    default: {
      const unreachable: never = event;
      throw new Error(`unknown input ${JSON.stringify(unreachable)}`);
    }
  }
}

export function isHeartbeat(event: InputEvent): boolean {
  return event.type === 'CameraHeartbeat' || event.type === 'DeclarationHeartbeat';
}

/** A copy of an observed event (`event` is its event, narrowed) with some of its data replaced. */
export function patched<T extends InputEvent>(
  observed: ObservedEvent,
  event: T,
  patch: Partial<T['data']>,
): ObservedEvent {
  const data = { ...event.data, ...patch };
  return { ...observed, event: { ...event, data } as InputEvent };
}

/** How a violation names itself in an error: `violations[2] (TC-FEED-1)`. */
export function labelOf(v: Violation, ctx: InjectionContext): string {
  return `violations[${ctx.index}] (${v.condition})`;
}

/**
 * Picks the first `count` messages delivered in the violation's window, and at the end refuses
 * to have injected fewer: a scenario that asks for what its traffic cannot give is an error,
 * never a quieter feed than asked.
 */
export class Picker {
  private left: number;

  constructor(
    private readonly v: Violation & { count: number },
    private readonly ctx: InjectionContext,
    private readonly what: string,
  ) {
    this.left = v.count;
  }

  /** Whether to inject into this message (already known to be one the violation can take). */
  take(e: ObservedEvent): boolean {
    if (this.left === 0 || e.deliverAt < this.v.from || e.deliverAt >= this.v.to) return false;
    this.left -= 1;
    return true;
  }

  /** A message taken that did not break the condition after all: another one is needed. */
  giveBack(): void {
    this.left += 1;
  }

  /** Call at the end of the traffic. */
  finish(): void {
    if (this.left === 0) return;
    const done = this.v.count - this.left;
    throw new Error(
      `${labelOf(this.v, this.ctx)}: injected ${done} of ${this.v.count}: the window ${windowText(this.v)} delivers too few ${this.what}`,
    );
  }
}

export function windowText(v: { from: number; to: number }): string {
  return `${new Date(v.from).toISOString()}–${new Date(v.to).toISOString()}`;
}
