import { type Country } from '../events/input-events';
import { sideCameraList, sideCameras } from '../posts/border-posts.registry';
import { perPost, perPostAndCountry } from '../posts/post-keys';
import { type PartitionState } from './partition-state';

/** Where the time a post was first heard of is kept, with the camera marks. */
const firstSeenKey = perPost((point) => `first-seen:${point}`);

/** Records a heartbeat; watermarks only move forward. Returns true when it advanced. */
export function advanceCamera(
  state: PartitionState,
  crossingPointId: string,
  cameraId: string,
  upTo: number,
): boolean {
  const firstKey = firstSeenKey(crossingPointId);
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
export interface SideWatermark {
  value: number;
  complete: boolean;
}

export function sideWatermark(
  state: PartitionState,
  crossingPointId: string,
  country: Country,
): SideWatermark | null {
  const first = state.cameras.get(firstSeenKey(crossingPointId));
  if (first === undefined) return null;
  let value = Infinity;
  let complete = true;
  // Indexed: a heartbeat's hot path, where iterating the set would allocate an iterator.
  const cameras = sideCameraList(country, crossingPointId);
  for (let i = 0; i < cameras.length; i++) {
    const upTo = state.cameras.get(cameras[i]!);
    if (upTo === undefined) {
      complete = false;
      value = Math.min(value, first);
    } else value = Math.min(value, upTo);
  }
  return { value, complete };
}

const declarationFeedKey = perPostAndCountry(
  (point, country) => `declarations|${point}|${country}`,
);

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
