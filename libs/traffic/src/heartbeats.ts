import {
  camerasOf,
  crossingPoint,
  type CameraHeartbeat,
  type Country,
  type Direction,
} from '@uamd/domain';
import { scenarioPostIds } from './scenarios';
import { type Capture, type World } from './world';

const DIRECTIONS: readonly Direction[] = ['EXIT', 'ENTRY'];

/** A heartbeat and the true time its service sends it. */
export interface TimedHeartbeat {
  sentAt: number;
  heartbeat: CameraHeartbeat;
}

/** Reads of each camera of one side, in sequence order (index = sequence). */
export function readsByCamera(world: World, country: Country): Map<string, Capture[]> {
  const byCamera = new Map<string, Capture[]>();
  for (const trip of world.trips) {
    for (const passage of [trip.exit, trip.entry]) {
      if (passage?.country !== country) continue;
      for (const read of passage.reads) {
        let reads = byCamera.get(read.cameraId);
        if (!reads) byCamera.set(read.cameraId, (reads = []));
        reads[read.sequence] = read;
      }
    }
  }
  return byCamera;
}

/**
 * One heartbeat per camera of the side every interval of true time from start to end inclusive,
 * even for cameras that saw nothing: silence must be distinguishable from a dead feed (DESIGN.md
 * §3). A heartbeat is sent at true time T and stays honest about "everything captured up to
 * `upTo` has been sent": `upTo` is the camera clock at T, held just below the capture time of any
 * read already captured but still waiting for a late delivery. `lastSequence` is the last
 * sequence up to which every read has been delivered (-1 when none): the reads captured up to
 * `upTo`, since sequences follow capture order.
 */
export function heartbeatsOf(world: World, country: Country): TimedHeartbeat[] {
  const intervalMs = world.scenario.heartbeatIntervalSeconds * 1000;
  if (!(intervalMs > 0))
    throw new Error(
      `heartbeatIntervalSeconds must be positive, got ${world.scenario.heartbeatIntervalSeconds}`,
    );
  const byCamera = readsByCamera(world, country);
  const beats: TimedHeartbeat[] = [];
  for (const id of scenarioPostIds(world.scenario)) {
    const point = crossingPoint(id);
    for (const direction of DIRECTIONS) {
      for (const cameraId of camerasOf(country, point, direction)) {
        const reads = byCamera.get(cameraId) ?? [];
        const late = reads.filter((r) => r.deliverAt > r.trueTime);
        const offset = world.clockOffsets[cameraId] ?? 0;
        let delivered = 0;
        for (let n = 0, at = world.start; at <= world.end; n++, at = world.start + n * intervalMs) {
          while (delivered < reads.length && reads[delivered]!.deliverAt <= at) delivered++;
          let upTo = at + offset;
          for (const r of late)
            if (r.trueTime <= at && r.deliverAt > at) upTo = Math.min(upTo, r.captureTime - 1);
          beats.push({
            sentAt: at,
            heartbeat: {
              eventId: `s${world.seed}.${cameraId}.hb${n}`,
              country,
              crossingPoint: id,
              cameraId,
              upTo,
              lastSequence: delivered - 1,
            },
          });
        }
      }
    }
  }
  return beats;
}
