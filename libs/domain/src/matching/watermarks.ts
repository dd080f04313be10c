import { type Country } from '../events/input-events';
import { sideCameras } from '../posts/border-posts.registry';
import { type PartitionState } from './partition-state';

const FIRST_SEEN = 'first-seen:';

/** Records a heartbeat; watermarks only move forward. Returns true when it advanced. */
export function advanceCamera(
  state: PartitionState,
  crossingPointId: string,
  cameraId: string,
  upTo: number,
): boolean {
  const firstKey = FIRST_SEEN + crossingPointId;
  if (!state.cameras.has(firstKey)) state.cameras.set(firstKey, upTo);
  return advanceMark(state, cameraId, upTo);
}

/** Feed marks only move forward. */
function advanceMark(state: PartitionState, key: string, upTo: number): boolean {
  const previous = state.cameras.get(key);
  if (previous !== undefined && previous >= upTo) return false;
  state.cameras.set(key, upTo);
  return true;
}

export function isKnownCamera(
  crossingPointId: string,
  country: Country,
  cameraId: string,
): boolean {
  return sideCameras(country, crossingPointId).has(cameraId);
}

/**
 * A side's watermark at a post: the oldest of its cameras' heartbeats, so it vouches for the
 * whole feed. `complete` is false while some camera has never reported; its effective
 * watermark is then the time the post was first heard of, so a camera that never speaks
 * still ends up stale.
 */
export function sideWatermark(
  state: PartitionState,
  crossingPointId: string,
  country: Country,
): { value: number; complete: boolean } | null {
  const first = state.cameras.get(FIRST_SEEN + crossingPointId);
  if (first === undefined) return null;
  let value = Infinity;
  let complete = true;
  for (const cameraId of sideCameras(country, crossingPointId)) {
    const upTo = state.cameras.get(cameraId);
    if (upTo === undefined) {
      complete = false;
      value = Math.min(value, first);
    } else value = Math.min(value, upTo);
  }
  return { value, complete };
}

const DECLARATIONS = 'declarations|';
const declarationFeedKey = (crossingPointId: string, country: Country) =>
  `${DECLARATIONS}${crossingPointId}|${country}`;

/** Records a declaration feed heartbeat (kept with the camera marks); returns true when it advanced. */
export function advanceDeclarationFeed(
  state: PartitionState,
  crossingPointId: string,
  country: Country,
  upTo: number,
): boolean {
  return advanceMark(state, declarationFeedKey(crossingPointId, country), upTo);
}

/** Every declaration lodged at the post up to this time has been read; null before its first heartbeat. */
export function declarationWatermark(
  state: PartitionState,
  crossingPointId: string,
  country: Country,
): number | null {
  return state.cameras.get(declarationFeedKey(crossingPointId, country)) ?? null;
}
