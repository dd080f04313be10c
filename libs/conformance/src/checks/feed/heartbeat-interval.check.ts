import {
  type ConditionCheck,
  type ConditionOutcome,
  placeOf,
  type TechnicalCondition,
  type ViolationPlace,
  ViolationLog,
} from '../../condition';
import { type CheckedRecord } from '../../exchanged-record';
import { BoundedStates } from '../bounded-states';
import { type CheckOptions } from '../check-options';
import { feedOf, instant, isRegistryFeed, seconds } from './feeds';

export interface HeartbeatIntervalParameters {
  intervalSeconds: number;
  /** How many intervals a feed may stay silent: 2 lets one heartbeat be a little late. */
  toleranceFactor: number;
}

export const DEFAULT_HEARTBEAT_INTERVAL: HeartbeatIntervalParameters = {
  intervalSeconds: 30,
  toleranceFactor: 2,
};

export const HEARTBEAT_INTERVAL: TechnicalCondition = {
  id: 'TC-FEED-3',
  title: 'Every feed heartbeats at the agreed interval',
  rule: "Every feed (each camera, on its plate-read topic; each post's declaration feed of one country, on its declarations topic) delivers a heartbeat every intervalSeconds even when it has nothing else to send, so that silence means nothing happened rather than a dead feed (docs/design.md §3). Measured on delivery times (record timestamps): two consecutive heartbeats of a feed, and its last heartbeat and the end of the source, are at most intervalSeconds × toleranceFactor apart; a feed that delivers messages and then no heartbeat at all for that long, up to the end, breaks it too. Not measured on upTo, which a camera rightly holds back while one of its reads is delivered late, nor before a feed's first heartbeat, since a declaration may be published before its feed's heartbeats begin.",
  severity: 'mandatory',
  parameters: { ...DEFAULT_HEARTBEAT_INTERVAL },
};

interface FeedSilence {
  /** Delivery time of the last heartbeat, or of the feed's first message while none has come. */
  since: number;
  /** Where the record `since` is of sits: where a silence up to the end is reported. */
  place: ViolationPlace;
  heartbeats: number;
  longestMs: number;
}

/**
 * TC-FEED-3: per feed, its last heartbeat and its longest silence, reported in `figures`; every
 * registry feed, and a bounded few others (`BoundedStates`).
 */
export class HeartbeatIntervalCheck implements ConditionCheck {
  readonly condition: TechnicalCondition;
  private checked = 0;
  private readonly log: ViolationLog;
  private readonly maxSilenceMs: number;
  private readonly feeds = new BoundedStates<FeedSilence>(isRegistryFeed);
  private end = -Infinity;

  constructor(
    options: CheckOptions,
    parameters: HeartbeatIntervalParameters = DEFAULT_HEARTBEAT_INTERVAL,
  ) {
    this.condition = { ...HEARTBEAT_INTERVAL, parameters: { ...parameters } };
    this.maxSilenceMs = parameters.intervalSeconds * parameters.toleranceFactor * 1000;
    this.log = new ViolationLog(options.sampleLimit);
  }

  observe(record: CheckedRecord): void {
    const event = record.decoded?.event;
    if (!event) return;
    const at = record.deliveredAt;
    this.end = Math.max(this.end, at);
    const feed = feedOf(event);
    const heartbeat = event.type === 'CameraHeartbeat' || event.type === 'DeclarationHeartbeat';
    const state = this.feeds.get(feed);
    if (!state) {
      const made = this.feeds.obtain(feed, () => ({
        since: at,
        place: placeOf(record),
        heartbeats: heartbeat ? 1 : 0,
        longestMs: 0,
      }));
      if (made && heartbeat) this.checked += 1;
      return;
    }
    if (!heartbeat) return;
    this.checked += 1;
    // Before its first heartbeat nothing was promised: a declaration may be published before
    // its feed's heartbeats begin (the generator's are lodged up to two hours before the start).
    if (state.heartbeats > 0) {
      const silence = at - state.since;
      state.longestMs = Math.max(state.longestMs, silence);
      if (silence > this.maxSilenceMs)
        this.log.add(
          record,
          `${feed} silent for ${seconds(silence)}, from its heartbeat at ${instant(state.since)} to this one: more than ${seconds(this.maxSilenceMs)}`,
        );
    }
    state.since = at;
    state.place = placeOf(record);
    state.heartbeats += 1;
  }

  /** Keys (cameras, feeds…) with state now, for tests of the bound. */
  get keysTracked(): number {
    return this.feeds.size;
  }

  finish(): ConditionOutcome {
    const figures: Record<string, number | string> = { feeds: this.feeds.size };
    let longest = 0;
    for (const [feed, state] of this.feeds) {
      const trailing = this.end - state.since;
      if (state.heartbeats > 0) state.longestMs = Math.max(state.longestMs, trailing);
      if (trailing > this.maxSilenceMs)
        this.log.add(
          state.place,
          state.heartbeats > 0
            ? `${feed} silent for ${seconds(trailing)}, from its last heartbeat at ${instant(state.since)} to the end of the source at ${instant(this.end)}: more than ${seconds(this.maxSilenceMs)}`
            : `${feed} sent no heartbeat in ${seconds(trailing)}, from its first message at ${instant(state.since)} to the end of the source at ${instant(this.end)}: more than ${seconds(this.maxSilenceMs)}`,
        );
      figures[`${feed} longest silence s`] =
        state.heartbeats > 0 ? state.longestMs / 1000 : 'no heartbeat';
      longest = Math.max(longest, state.longestMs);
    }
    figures['longest silence s'] = longest / 1000;
    Object.assign(figures, this.feeds.note('feeds'));
    return {
      checked: this.checked,
      violations: this.log.count,
      samples: this.log.samples,
      figures,
    };
  }
}
