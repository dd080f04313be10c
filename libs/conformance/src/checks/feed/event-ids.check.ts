import {
  type ConditionCheck,
  type ConditionOutcome,
  type TechnicalCondition,
  ViolationLog,
} from '../../condition';
import { type CheckedRecord } from '../../exchanged-record';
import { type CheckOptions } from '../check-options';
import { instant } from './feeds';

export const DEFAULT_EVENT_ID_WINDOW_HOURS = 24;

export const EVENT_IDS: TechnicalCondition = {
  id: 'TC-FEED-2',
  title: 'No event id is delivered twice',
  rule: "An administration never delivers two messages with the same eventId, whatever their types: the receiver drops the second as a duplicate (docs/style.md item 8), so a reused id loses an event. Ids are an administration's own, so the same id from both countries is no clash. To keep memory bounded on a month of traffic, an id is remembered for the window after its delivery: a repeat delivered later than that is not seen.",
  severity: 'mandatory',
  parameters: { windowHours: DEFAULT_EVENT_ID_WINDOW_HOURS },
};

/**
 * TC-FEED-2: the ids of the window, in delivery order (a Map keeps insertion order), so the
 * oldest are dropped from the front as the delivery time moves on.
 */
export class EventIdsCheck implements ConditionCheck {
  readonly condition: TechnicalCondition;
  private checked = 0;
  private readonly log: ViolationLog;
  private readonly windowMs: number;
  /** `country eventId` → delivery time of its first delivery. */
  private readonly seen = new Map<string, number>();
  private forgottenBefore = -Infinity;

  constructor(options: CheckOptions, windowHours = DEFAULT_EVENT_ID_WINDOW_HOURS) {
    this.condition = { ...EVENT_IDS, parameters: { windowHours } };
    this.windowMs = windowHours * 3_600_000;
    this.log = new ViolationLog(options.sampleLimit);
  }

  observe(record: CheckedRecord): void {
    const event = record.decoded?.event;
    if (!event) return;
    this.checked += 1;
    this.forgetBefore(record.deliveredAt - this.windowMs);
    const { country, eventId } = event.data;
    const key = `${country} ${eventId}`;
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.log.add(
        record,
        `eventId '${eventId}' of ${country} (a ${event.type}) already delivered at ${instant(first)}`,
      );
      return;
    }
    this.seen.set(key, record.deliveredAt);
  }

  finish(): ConditionOutcome {
    return { checked: this.checked, violations: this.log.count, samples: this.log.samples };
  }

  /** Delivery times only move on in a merged source; where they step back, the latest counts. */
  private forgetBefore(cutoff: number): void {
    if (cutoff <= this.forgottenBefore) return;
    this.forgottenBefore = cutoff;
    for (const [key, at] of this.seen) {
      if (at >= cutoff) break;
      this.seen.delete(key);
    }
  }
}
