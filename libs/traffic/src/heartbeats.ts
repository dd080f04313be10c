import {
  camerasOf,
  crossingPoint,
  type CameraHeartbeat,
  type Country,
  type Direction,
} from '@uamd/domain';
import { IncidentEffects } from './incidents';
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
 * §3). A camera that is down (camera outage) sends none. A heartbeat is sent at true time T and
 * stays honest about "everything captured up to `upTo` has been sent": `upTo` is the camera clock
 * at T (drift included), held just below the capture time of any read already captured but still
 * waiting for a late delivery. `lastSequence` is the last sequence up to which every read has been
 * delivered (-1 when none): the reads captured up to `upTo`, since sequences follow capture order.
 * A late feed delays heartbeats and reads alike (the delay grows with T), so the comparisons are
 * made on delivery times.
 */
export function heartbeatsOf(world: World, country: Country): TimedHeartbeat[] {
  const intervalMs = world.scenario.heartbeatIntervalSeconds * 1000;
  if (!(intervalMs > 0))
    throw new Error(
      `heartbeatIntervalSeconds must be positive, got ${world.scenario.heartbeatIntervalSeconds}`,
    );
  const effects = new IncidentEffects(world.scenario.incidents);
  const byCamera = readsByCamera(world, country);
  const beats: TimedHeartbeat[] = [];
  for (const id of scenarioPostIds(world.scenario)) {
    const point = crossingPoint(id);
    for (const direction of DIRECTIONS) {
      for (const cameraId of camerasOf(country, point, direction)) {
        const reads = byCamera.get(cameraId) ?? [];
        const late = reads.filter((r) => r.deliverAt > effects.feedDeliversAt(country, r.trueTime));
        const offset = world.clockOffsets[cameraId] ?? 0;
        let delivered = 0;
        for (let n = 0, at = world.start; at <= world.end; n++, at = world.start + n * intervalMs) {
          if (effects.cameraDownAt(cameraId, at)) continue;
          const sentAt = effects.feedDeliversAt(country, at);
          while (delivered < reads.length && reads[delivered]!.deliverAt <= sentAt) delivered++;
          let upTo = at + offset + effects.clockDriftAt(cameraId, at);
          for (const r of late)
            if (r.trueTime <= at && r.deliverAt > sentAt) upTo = Math.min(upTo, r.captureTime - 1);
          beats.push({
            sentAt,
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
