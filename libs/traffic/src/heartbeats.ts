import {
  camerasOf,
  crossingPoint,
  type CameraHeartbeat,
  type Country,
  type Direction,
} from '@uamd/domain';
import { HeartbeatSchedule, lastDeliveryOf } from './heartbeat-schedule';
import { IncidentEffects } from './incidents';
import { scenarioPostIds } from './scenarios';
import { type Capture, type World } from './world';

const DIRECTIONS: readonly Direction[] = ['EXIT', 'ENTRY'];

/** A heartbeat and the true time its service publishes it (a late feed delivers it later than sent). */
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
 * even for cameras that saw nothing: silence must be distinguishable from a dead feed
 * (docs/design.md §3); then on past the end up to the traffic's last delivery
 * (`HeartbeatSchedule`). See `CameraHeartbeats` for what each one says.
 */
export function heartbeatsOf(world: World, country: Country): TimedHeartbeat[] {
  const effects = new IncidentEffects(world.scenario.incidents);
  const byCamera = readsByCamera(world, country);
  const lastDelivery = lastDeliveryOf(world);
  const beats: TimedHeartbeat[] = [];
  for (const id of scenarioPostIds(world.scenario)) {
    const point = crossingPoint(id);
    for (const direction of DIRECTIONS) {
      for (const cameraId of camerasOf(country, point, direction)) {
        const camera = new CameraHeartbeats(world, effects, country, id, cameraId);
        for (const read of byCamera.get(cameraId) ?? []) camera.add(read);
        camera.closeAt(lastDelivery);
        beats.push(...camera.before(Infinity));
      }
    }
  }
  return beats;
}

/**
 * One camera's heartbeats, built as its reads become known (so a long scenario can be generated
 * piece by piece), on the feeds' common schedule (`HeartbeatSchedule`). A camera that is down
 * (camera outage) sends none. A heartbeat is sent at true time T and stays honest about
 * "everything captured up to `upTo` has been sent": `upTo` is the camera clock at T (drift
 * included), held just below the capture time of any read already captured but still waiting
 * for a late delivery. `lastSequence` is the last sequence up to which every read has been
 * delivered (-1 when none): the reads captured up to `upTo`, since sequences follow capture
 * order. A late feed delays heartbeats and reads alike (the delay grows with T), so the
 * comparisons are made on delivery times. After the end nothing is captured: the heartbeats
 * only vouch for silence, and for the late reads delivered meanwhile.
 */
export class CameraHeartbeats {
  private readonly schedule: HeartbeatSchedule;
  private readonly offset: number;
  /** Reads in sequence order from the first not yet counted as delivered. */
  private pending: Capture[] = [];
  private head = 0;
  private delivered = 0;
  /** Reads delivered later than captured, not yet delivered as of the last heartbeat. */
  private late: Capture[] = [];

  constructor(
    private readonly world: Pick<World, 'seed' | 'scenario' | 'start' | 'end' | 'clockOffsets'>,
    private readonly effects: IncidentEffects,
    private readonly country: Country,
    private readonly crossingPointId: string,
    private readonly cameraId: string,
  ) {
    this.schedule = new HeartbeatSchedule(world, effects, country);
    this.offset = world.clockOffsets[cameraId] ?? 0;
  }

  /** The camera's next read, in sequence order. */
  add(read: Capture): void {
    this.pending.push(read);
    if (read.deliverAt > this.effects.feedDeliversAt(this.country, read.trueTime))
      this.late.push(read);
  }

  /** The traffic's last delivery is known (every read added): heartbeats go on up to it. */
  closeAt(lastDelivery: number): void {
    this.schedule.closeAt(lastDelivery);
  }

  /** True time of the next heartbeat, Infinity after the last (or past the end before `closeAt`). */
  nextAt(): number {
    return this.schedule.nextAt();
  }

  /**
   * The heartbeats due before `until` (true time). Every read captured before `until` must have
   * been added: a heartbeat speaks for all of them.
   */
  before(until: number): TimedHeartbeat[] {
    const beats: TimedHeartbeat[] = [];
    for (let slot = this.schedule.peek(); slot && slot.at < until; slot = this.schedule.peek()) {
      this.schedule.advance(slot);
      const { at, n } = slot;
      if (this.effects.cameraDownAt(this.cameraId, at)) continue;
      const sentAt = slot.deliverAt;
      while (this.head < this.pending.length && this.pending[this.head]!.deliverAt <= sentAt) {
        this.head++;
        this.delivered++;
      }
      if (this.head > 1024) {
        this.pending = this.pending.slice(this.head);
        this.head = 0;
      }
      // Heartbeats only move on: a late read delivered by now never holds one back again.
      if (this.late.length > 0) this.late = this.late.filter((r) => r.deliverAt > sentAt);
      let upTo = at + this.offset + this.effects.clockDriftAt(this.cameraId, at);
      for (const r of this.late) if (r.trueTime <= at) upTo = Math.min(upTo, r.captureTime - 1);
      beats.push({
        sentAt,
        heartbeat: {
          eventId: `s${this.world.seed}.${this.cameraId}.hb${n}`,
          country: this.country,
          crossingPoint: this.crossingPointId,
          cameraId: this.cameraId,
          upTo,
          lastSequence: this.delivered - 1,
        },
      });
    }
    return beats;
  }
}
