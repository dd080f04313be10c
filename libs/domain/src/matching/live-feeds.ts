import { COUNTRIES, type Country } from '../events/input-events';
import { type FeedStale } from '../events/output-events';
import { CROSSING_POINTS, otherCountry } from '../posts/border-posts.registry';
import { staleIdOf } from './output-ids';
import { type PartitionState } from './partition-state';
import { sideWatermark } from './watermarks';

export interface LiveFeedContext {
  /** Wall clock now. */
  now: number;
  /** A side whose watermark has not moved for this long (wall clock) while the other's did is stale. */
  liveStaleAfterMs: number;
  /** Wall clock when the side's watermark at the post last moved, as seen by this process. */
  lastAdvancedAt: (crossingPoint: string, country: Country) => number | undefined;
  /**
   * Whether the partition's merge is waiting on a feed of this country that has delivered
   * nothing for `liveStaleAfterMs` while another feed moved: a silent topic stops the merge
   * (docs/design.md §3), so its side's watermark cannot even be seen lagging.
   */
  silent?: (country: Country) => boolean;
}

/**
 * The live half of docs/design.md §3's stale-feed rule: when one side's cameras fall silent, event
 * time stops for that side, so the event-time rule (one side's watermark lagging the other's)
 * still fires only as the other side moves on. Live, a side is also stale once its watermark
 * has not moved for `liveStaleAfterMs` of wall clock while the other side's has. Decided on
 * the wall clock, so off for replays (which must not depend on their speed); the alarm is the
 * same FeedStale, it blocks overdue alarms the same way, and recovers by the event-time rule.
 */
export function checkLiveFeeds(state: PartitionState, ctx: LiveFeedContext): FeedStale[] {
  const raised: FeedStale[] = [];
  for (const point of CROSSING_POINTS) {
    for (const country of COUNTRIES) {
      const key = `${point.id}|${country}`;
      if (state.staleAlarms.has(key)) continue;
      const mine = sideWatermark(state, point.id, country);
      const theirs = sideWatermark(state, point.id, otherCountry(country));
      const mineAt = ctx.lastAdvancedAt(point.id, country);
      const theirsAt = ctx.lastAdvancedAt(point.id, otherCountry(country));
      if (!mine || !theirs) continue;
      const silent = ctx.silent?.(country) ?? false;
      if (!silent) {
        if (mineAt === undefined || theirsAt === undefined) continue;
        if (ctx.now - mineAt <= ctx.liveStaleAfterMs || theirsAt <= mineAt) continue;
      }
      const alarmId = staleIdOf(point.id, country, mine.value, false);
      state.staleAlarms.set(key, {
        alarmId,
        crossingPoint: point.id,
        country,
        staleWatermark: mine.value,
      });
      raised.push({
        alarmId,
        crossingPoint: point.id,
        country,
        staleWatermark: mine.value,
        otherWatermark: theirs.value,
        recovered: false,
        decidedAt: ctx.now,
      });
    }
  }
  return raised;
}

/** Side watermarks of the posts a batch touched, to tell which moved (see `ReconcileResult.advanced`). */
export function sideWatermarks(
  state: PartitionState,
  points: Iterable<string>,
): Map<string, number> {
  const marks = new Map<string, number>();
  for (const point of points)
    for (const country of COUNTRIES) {
      const mark = sideWatermark(state, point, country);
      if (mark) marks.set(`${point}|${country}`, mark.value);
    }
  return marks;
}
