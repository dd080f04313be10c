import { type PlateRead } from '@uamd/domain';
import { type ObservedEvent } from './observe';

/**
 * Where one side's events, in publishing order, break the heartbeat contract of DESIGN.md §3,
 * per camera: a read captured at or before a heartbeat's `upTo` was published before it, and so
 * was every read up to its `lastSequence`, which is the last of the gap-free prefix published
 * so far. Empty when the contract holds; for tests and for checking recorded traffic.
 */
export function heartbeatViolations(events: readonly ObservedEvent[]): string[] {
  const problems: string[] = [];
  const byCapture = new Map<string, PlateRead[]>();
  for (const { event } of events) {
    if (event.type !== 'PlateRead') continue;
    let reads = byCapture.get(event.data.cameraId);
    if (!reads) byCapture.set(event.data.cameraId, (reads = []));
    reads.push(event.data);
  }
  for (const reads of byCapture.values()) reads.sort((a, b) => a.captureTime - b.captureTime);
  const sent = new Map<string, Set<number>>();
  // Reads only ever get sent, so what was checked once stays checked: one pass per camera.
  const checked = new Map<string, number>();
  const prefixes = new Map<string, number>();
  for (const { event } of events) {
    if (event.type === 'PlateRead') {
      let ids = sent.get(event.data.cameraId);
      if (!ids) sent.set(event.data.cameraId, (ids = new Set()));
      ids.add(event.data.sequence);
      continue;
    }
    if (event.type !== 'CameraHeartbeat') continue;
    const hb = event.data;
    const done = sent.get(hb.cameraId) ?? new Set<number>();
    const reads = byCapture.get(hb.cameraId) ?? [];
    let i = checked.get(hb.cameraId) ?? 0;
    while (i < reads.length && reads[i]!.captureTime <= hb.upTo) {
      if (!done.has(reads[i]!.sequence)) {
        problems.push(`${hb.eventId}: upTo ${hb.upTo} vouches for unsent ${reads[i]!.eventId}`);
        break;
      }
      i++;
    }
    checked.set(hb.cameraId, i);
    let prefix = prefixes.get(hb.cameraId) ?? -1;
    while (done.has(prefix + 1)) prefix++;
    prefixes.set(hb.cameraId, prefix);
    if (prefix !== hb.lastSequence)
      problems.push(`${hb.eventId}: lastSequence ${hb.lastSequence}, sent up to ${prefix}`);
  }
  return problems;
}
