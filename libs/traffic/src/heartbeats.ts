import {
  camerasOf,
  crossingPoint,
  type CameraHeartbeat,
  type Country,
  type Direction,
} from '@uamd/domain';
import { scenarioPostIds } from './scenarios';
import { type World } from './world';

const DIRECTIONS: readonly Direction[] = ['EXIT', 'ENTRY'];

/** Capture times of each camera of one side, in sequence order (index = sequence). */
export function captureTimesByCamera(world: World, country: Country): Map<string, number[]> {
  const byCamera = new Map<string, number[]>();
  for (const trip of world.trips) {
    for (const c of [trip.exit, trip.entry]) {
      if (c?.country !== country) continue;
      let times = byCamera.get(c.cameraId);
      if (!times) byCamera.set(c.cameraId, (times = []));
      times[c.sequence] = c.captureTime;
    }
  }
  return byCamera;
}

/**
 * One heartbeat per camera of the side every interval from start to end inclusive, even for
 * cameras that saw nothing: silence must be distinguishable from a dead feed (DESIGN.md §3).
 */
export function heartbeatsOf(world: World, country: Country): CameraHeartbeat[] {
  const intervalMs = world.scenario.heartbeatIntervalSeconds * 1000;
  if (!(intervalMs > 0))
    throw new Error(
      `heartbeatIntervalSeconds must be positive, got ${world.scenario.heartbeatIntervalSeconds}`,
    );
  const timesByCamera = captureTimesByCamera(world, country);
  const beats: CameraHeartbeat[] = [];
  for (const id of scenarioPostIds(world.scenario)) {
    const point = crossingPoint(id);
    for (const direction of DIRECTIONS) {
      for (const cameraId of camerasOf(country, point, direction)) {
        const times = timesByCamera.get(cameraId) ?? [];
        let sent = 0;
        for (
          let n = 0, upTo = world.start;
          upTo <= world.end;
          n++, upTo = world.start + n * intervalMs
        ) {
          while (sent < times.length && times[sent]! <= upTo) sent++;
          beats.push({
            eventId: `s${world.seed}.${cameraId}.hb${n}`,
            country,
            crossingPoint: id,
            cameraId,
            upTo,
            lastSequence: sent - 1,
          });
        }
      }
    }
  }
  return beats;
}
