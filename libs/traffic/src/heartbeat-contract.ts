import { type CustomsDeclaration, type PlateRead } from '@uamd/domain';
import { type ObservedEvent } from './observe';

/**
 * Where one side's events, in publishing order, break the heartbeat contract of docs/design.md
 * §3, per camera: a read captured at or before a heartbeat's `upTo` was published before it, and so
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

/**
 * Where one side's events, in publishing order, break the declaration heartbeat contract of
 * docs/design.md §3, per post and country: every declaration lodged at or before a heartbeat's
 * `upTo` was published before it, `upTo` never goes backwards and never passes the delivery time.
 * Empty when the contract holds; for tests and for checking recorded traffic.
 */
export function declarationHeartbeatViolations(events: readonly ObservedEvent[]): string[] {
  const problems: string[] = [];
  const feedOf = (d: { country: string; crossingPoint: string }) =>
    `${d.country}:${d.crossingPoint}`;
  const byLodgement = new Map<string, CustomsDeclaration[]>();
  for (const { event } of events) {
    if (event.type !== 'CustomsDeclaration') continue;
    let decls = byLodgement.get(feedOf(event.data));
    if (!decls) byLodgement.set(feedOf(event.data), (decls = []));
    decls.push(event.data);
  }
  for (const decls of byLodgement.values()) decls.sort((a, b) => a.lodgedAt - b.lodgedAt);
  const sent = new Set<string>();
  // Declarations only ever get sent, so what was checked once stays checked: one pass per feed.
  const checked = new Map<string, number>();
  const lastUpTo = new Map<string, number>();
  for (const { deliverAt, event } of events) {
    if (event.type === 'CustomsDeclaration') sent.add(event.data.eventId);
    if (event.type !== 'DeclarationHeartbeat') continue;
    const hb = event.data;
    const feed = feedOf(hb);
    if (hb.upTo > deliverAt)
      problems.push(`${hb.eventId}: upTo ${hb.upTo} after its delivery at ${deliverAt}`);
    if (hb.upTo < (lastUpTo.get(feed) ?? -Infinity))
      problems.push(`${hb.eventId}: upTo ${hb.upTo} before the last one, ${lastUpTo.get(feed)}`);
    lastUpTo.set(feed, hb.upTo);
    const decls = byLodgement.get(feed) ?? [];
    let i = checked.get(feed) ?? 0;
    while (i < decls.length && decls[i]!.lodgedAt <= hb.upTo) {
      if (!sent.has(decls[i]!.eventId)) {
        problems.push(`${hb.eventId}: upTo ${hb.upTo} vouches for unsent ${decls[i]!.eventId}`);
        break;
      }
      i++;
    }
    checked.set(feed, i);
  }
  return problems;
}
