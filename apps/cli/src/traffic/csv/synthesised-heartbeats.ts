import {
  camerasOf,
  COUNTRIES,
  crossingPoint,
  type CameraHeartbeat,
  type DeclarationHeartbeat,
} from '@uamd/domain';
import { type ObservedEvent } from '@uamd/traffic';
import { type DeliveredRead } from './delivery-order';

export const HEARTBEAT_INTERVAL_MS = 30_000;

type Ranked = ObservedEvent & { rank: number };

/**
 * The reads with the heartbeats the reconciler needs to merge them (`--heartbeats synth`): every
 * 30 s from the first delivery to 30 s past the last delivery or capture of the file, for every
 * registry camera and both declaration feeds of both sides of each post present; the export is
 * taken to hold every read of its period at those posts, and no declaration, so a post whose
 * reads end early keeps heartbeating to the end rather than fall silent (TC-FEED-3). A heartbeat
 * never vouches for a read delivered after it (docs/design.md §3): its `upTo` stays below the
 * capture of the earliest read of its camera still to come, and its `lastSequence` is the end of
 * the gap-free run delivered so far.
 * `idPrefix`: heartbeat ids are `<idPrefix>.hb.<camera>.<time>` (`csv`, `jsonl`).
 */
export function withSynthesisedHeartbeats(
  reads: readonly DeliveredRead[],
  idPrefix: string,
): ObservedEvent[] {
  const posts = new Set<string>();
  const byCamera = new Map<string, DeliveredRead[]>();
  const out: Ranked[] = [];
  let first = Infinity;
  let last = -Infinity;
  for (const r of reads) {
    first = Math.min(first, r.deliverAt);
    last = Math.max(last, r.deliverAt, r.read.captureTime);
    posts.add(r.read.crossingPoint);
    const own = byCamera.get(r.read.cameraId) ?? [];
    own.push(r);
    byCamera.set(r.read.cameraId, own);
    out.push({ deliverAt: r.deliverAt, rank: 0, event: { type: 'PlateRead', data: r.read } });
  }
  const grid: number[] = [];
  const start = Math.floor(first / HEARTBEAT_INTERVAL_MS) * HEARTBEAT_INTERVAL_MS;
  for (let at = start; at <= last + HEARTBEAT_INTERVAL_MS; at += HEARTBEAT_INTERVAL_MS)
    grid.push(at);
  for (const pointId of posts) {
    const point = crossingPoint(pointId);
    for (const country of COUNTRIES) {
      for (const direction of ['EXIT', 'ENTRY'] as const)
        for (const cameraId of camerasOf(country, point, direction)) {
          const feed = { country, crossingPoint: pointId, cameraId };
          for (const beat of cameraHeartbeats(byCamera.get(cameraId) ?? [], grid, idPrefix, feed))
            out.push(beat);
        }
      for (const upTo of grid) {
        // Nothing was lodged: each one vouches for its own time, so the declaration feeds move.
        const data: DeclarationHeartbeat = {
          eventId: `${idPrefix}.decl-hb.${country}.${pointId}.${upTo}`,
          country,
          crossingPoint: pointId,
          upTo,
        };
        out.push({ deliverAt: upTo, rank: 1, event: { type: 'DeclarationHeartbeat', data } });
      }
    }
  }
  // Stable: a heartbeat after the reads delivered at its instant, reads in their own order.
  out.sort((a, b) => a.deliverAt - b.deliverAt || a.rank - b.rank);
  return out.map(({ deliverAt, event }) => ({ deliverAt, event }));
}

/** One camera's heartbeats on the grid, honest to its reads (in delivery order). */
function cameraHeartbeats(
  reads: readonly DeliveredRead[],
  grid: readonly number[],
  idPrefix: string,
  feed: Pick<CameraHeartbeat, 'country' | 'crossingPoint' | 'cameraId'>,
): Ranked[] {
  // Earliest capture among the reads from index i on: what a heartbeat must not pass.
  const pendingCapture = new Array<number>(reads.length + 1).fill(Infinity);
  for (let i = reads.length - 1; i >= 0; i--)
    pendingCapture[i] = Math.min(pendingCapture[i + 1]!, reads[i]!.read.captureTime);
  // The export may start mid-count: numbers below its first are not the file's to vouch for.
  const lowest = reads.reduce((low, r) => Math.min(low, r.read.sequence), Infinity);
  let lastSequence = reads.length === 0 ? -1 : lowest - 1;
  const delivered = new Set<number>();
  const out: Ranked[] = [];
  let i = 0;
  for (const at of grid) {
    while (i < reads.length && reads[i]!.deliverAt <= at) delivered.add(reads[i++]!.read.sequence);
    while (delivered.has(lastSequence + 1)) lastSequence++;
    const data: CameraHeartbeat = {
      eventId: `${idPrefix}.hb.${feed.cameraId}.${at}`,
      ...feed,
      upTo: Math.min(at, pendingCapture[i]! - 1),
      lastSequence,
    };
    out.push({ deliverAt: at, rank: 1, event: { type: 'CameraHeartbeat', data } });
  }
  return out;
}
