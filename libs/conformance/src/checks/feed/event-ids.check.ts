import { createHash } from 'node:crypto';
import {
  type ConditionCheck,
  type ConditionOutcome,
  type TechnicalCondition,
  ViolationLog,
} from '../../condition';
import { type CheckedRecord } from '../../exchanged-record';
import { type CheckOptions } from '../check-options';
import { instant } from './feeds';
import { RememberedIds } from './remembered-ids';

export const DEFAULT_EVENT_ID_WINDOW_HOURS = 24;
/**
 * Ids remembered at most: five times the busiest generated day (holiday-peak, about 100,000
 * messages), so a real feed never reaches it, while a feed of ever new ids stays bounded.
 */
export const DEFAULT_MAX_REMEMBERED_IDS = 500_000;
/** Ids longer than this are remembered by their SHA-256 (a partner's id may be a megabyte long). */
const MAX_KEPT_ID_CHARS = 64;

export const EVENT_IDS: TechnicalCondition = {
  id: 'TC-FEED-2',
  title: 'No event id is delivered twice',
  rule: "An administration never delivers two messages with the same eventId, whatever their types: the receiver drops the second as a duplicate (docs/style.md item 8), so a reused id loses an event. Ids are an administration's own, so the same id from both countries is no clash. To keep memory bounded on a month of traffic, an id is remembered for the window after its delivery, and at most maxRememberedIds ids at once (past that, the oldest are forgotten first, and the report says how many went early): a repeat delivered later than that is not seen.",
  severity: 'mandatory',
  parameters: {
    windowHours: DEFAULT_EVENT_ID_WINDOW_HOURS,
    maxRememberedIds: DEFAULT_MAX_REMEMBERED_IDS,
  },
};

/**
 * TC-FEED-2: the ids of the window, in delivery order, so the oldest are dropped first as the
 * delivery time moves on, or when there are more than `maxRememberedIds` of them. Bounded by
 * time and by count, each id by its length.
 */
export class EventIdsCheck implements ConditionCheck {
  readonly condition: TechnicalCondition;
  private checked = 0;
  private readonly log: ViolationLog;
  private readonly windowMs: number;
  /** `country eventId` → delivery time of its first delivery. */
  private readonly seen = new RememberedIds();
  private forgottenBefore = -Infinity;

  /** Ids forgotten for the count before their window ended, and the shortest time one was kept. */
  private forgottenEarly = 0;
  private shortestKeptMs = Infinity;

  constructor(
    options: CheckOptions,
    windowHours = DEFAULT_EVENT_ID_WINDOW_HOURS,
    private readonly maxRememberedIds = DEFAULT_MAX_REMEMBERED_IDS,
  ) {
    this.condition = { ...EVENT_IDS, parameters: { windowHours, maxRememberedIds } };
    this.windowMs = windowHours * 3_600_000;
    this.log = new ViolationLog(options.sampleLimit);
  }

  observe(record: CheckedRecord): void {
    const event = record.decoded?.event;
    if (!event) return;
    this.checked += 1;
    this.forgetBefore(record.deliveredAt - this.windowMs);
    const { country, eventId } = event.data;
    const key = idKey(country, eventId);
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.log.add(
        record,
        `eventId ${quotedId(eventId)} of ${country} (a ${event.type}) already delivered at ${instant(first)}`,
      );
      return;
    }
    if (this.seen.size >= this.maxRememberedIds) this.forgetOldest(record.deliveredAt);
    this.seen.add(key, record.deliveredAt);
  }

  /** Ids remembered now, for tests of the bound. */
  get idsRemembered(): number {
    return this.seen.size;
  }

  finish(): ConditionOutcome {
    return {
      checked: this.checked,
      violations: this.log.count,
      samples: this.log.samples,
      ...(this.forgottenEarly > 0
        ? {
            figures: {
              'ids forgotten before their window ended': this.forgottenEarly,
              'shortest time an id was remembered s': this.shortestKeptMs / 1000,
            },
          }
        : {}),
    };
  }

  private forgetOldest(now: number): void {
    const oldest = this.seen.forgetOldest();
    if (!oldest) return;
    this.forgottenEarly += 1;
    this.shortestKeptMs = Math.min(this.shortestKeptMs, now - oldest.at);
  }

  /** Delivery times only move on in a merged source; where they step back, the latest counts. */
  private forgetBefore(cutoff: number): void {
    if (cutoff <= this.forgottenBefore) return;
    this.forgottenBefore = cutoff;
    this.seen.forgetBefore(cutoff);
  }
}

/** The key an id is remembered by: the id itself, or for a long one its SHA-256 (never an id's text). */
function idKey(country: string, eventId: string): string {
  if (eventId.length <= MAX_KEPT_ID_CHARS) return `${country} ${eventId}`;
  return `${country}#${createHash('sha256').update(eventId).digest('base64')}`;
}

/** An id as a reason quotes it: a long one cut (the sample's eventId carries it, cut too). */
function quotedId(eventId: string): string {
  return eventId.length <= MAX_KEPT_ID_CHARS
    ? `'${eventId}'`
    : `'${eventId.slice(0, MAX_KEPT_ID_CHARS)}…'`;
}
