import {
  camerasOf,
  COUNTRIES,
  crossingPoint,
  type CameraHeartbeat,
  type DeclarationHeartbeat,
} from '@uamd/domain';
import { type ObservedEvent } from '@uamd/traffic';
import { DeliveredRun } from './delivered-run';
import { type ReadsInFlight } from './reads-in-flight';
import { type DeliveredRead } from './row-judge';

export const HEARTBEAT_INTERVAL_MS = 30_000;

/** What the heartbeats of an import need to know of its reads before the first is sent. */
export interface HeartbeatPlan {
  /** Heartbeat ids are `<idPrefix>.hb.<camera>.<time>` (`csv`, `jsonl`). */
  idPrefix: string;
  /** The posts present, in the order of their first read delivered. */
  posts: readonly string[];
  /** The first delivery, and the latest delivery or capture, of the file. */
  firstDelivery: number;
  lastTime: number;
  /** Per camera: the lowest sequence of the file, and its reads in flight (none: delivered at capture). */
  cameras: ReadonlyMap<string, { lowest: number; inFlight?: ReadsInFlight }>;
}

/** The heartbeat times of a plan: every 30 s from the first delivery to 30 s past the last time. */
export function heartbeatGrid(plan: Pick<HeartbeatPlan, 'firstDelivery' | 'lastTime'>): {
  start: number;
  end: number;
} {
  const start = Math.floor(plan.firstDelivery / HEARTBEAT_INTERVAL_MS) * HEARTBEAT_INTERVAL_MS;
  const beats = Math.floor((plan.lastTime + HEARTBEAT_INTERVAL_MS - start) / HEARTBEAT_INTERVAL_MS);
  return { start, end: start + beats * HEARTBEAT_INTERVAL_MS };
}

/**
 * The reads (in delivery order) with the heartbeats the reconciler needs to merge them
 * (`--heartbeats synth`), streamed: every 30 s from the first delivery to 30 s past the last
 * delivery or capture of the file, for every registry camera and both declaration feeds of both
 * sides of each post present; the export is taken to hold every read of its period at those
 * posts, and no declaration, so a post whose reads end early keeps heartbeating to the end
 * rather than fall silent (TC-FEED-3). A heartbeat never vouches for a read delivered after it
 * (docs/design.md §3): its `upTo` stays below the capture of the earliest read of its camera
 * still to come (`ReadsInFlight`), and its `lastSequence` is the end of the gap-free run
 * delivered so far (`DeliveredRun`). A heartbeat comes after the reads delivered at its instant.
 * State is per camera and post; the reads pass through.
 */
export function* withSynthesisedHeartbeats(
  reads: Iterable<DeliveredRead>,
  plan: HeartbeatPlan,
): Generator<ObservedEvent> {
  const grid = heartbeatGrid(plan);
  const runs = new Map<string, DeliveredRun>();
  for (const [cameraId, { lowest }] of plan.cameras) runs.set(cameraId, new DeliveredRun(lowest));
  const feeds = plan.posts.map((pointId) => {
    const point = crossingPoint(pointId);
    return COUNTRIES.map((country) => ({
      country,
      pointId,
      cameras: (['EXIT', 'ENTRY'] as const).flatMap((direction) =>
        camerasOf(country, point, direction).map((cameraId) => ({
          cameraId,
          run: runs.get(cameraId) ?? new DeliveredRun(0),
          inFlight: plan.cameras.get(cameraId)?.inFlight,
        })),
      ),
    }));
  });
  let at = grid.start;
  const beatsAt = function* (upTo: number): Generator<ObservedEvent> {
    for (const sides of feeds)
      for (const { country, pointId, cameras } of sides) {
        for (const { cameraId, run, inFlight } of cameras) {
          const pending = inFlight ? inFlight.earliestAfter(upTo) : Infinity;
          const data: CameraHeartbeat = {
            eventId: `${plan.idPrefix}.hb.${cameraId}.${upTo}`,
            country,
            crossingPoint: pointId,
            cameraId,
            upTo: Math.min(upTo, pending - 1),
            lastSequence: run.lastSequence,
          };
          yield { deliverAt: upTo, event: { type: 'CameraHeartbeat', data } };
        }
        // Nothing was lodged: each one vouches for its own time, so the declaration feeds move.
        const data: DeclarationHeartbeat = {
          eventId: `${plan.idPrefix}.decl-hb.${country}.${pointId}.${upTo}`,
          country,
          crossingPoint: pointId,
          upTo,
        };
        yield { deliverAt: upTo, event: { type: 'DeclarationHeartbeat', data } };
      }
  };
  for (const { deliverAt, read } of reads) {
    for (; at < deliverAt && at <= grid.end; at += HEARTBEAT_INTERVAL_MS) yield* beatsAt(at);
    runs.get(read.cameraId)?.deliver(read.sequence);
    yield { deliverAt, event: { type: 'PlateRead', data: read } };
  }
  for (; at <= grid.end; at += HEARTBEAT_INTERVAL_MS) yield* beatsAt(at);
}
