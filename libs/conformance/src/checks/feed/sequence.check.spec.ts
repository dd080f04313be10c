import { type PlateRead } from '@uamd/domain';
import { type ObservedEvent } from '@uamd/traffic';
import { exchangedAll, observedTraffic, runCheck } from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { SequenceCheck } from './sequence.check';

const run = (events: readonly ObservedEvent[]) =>
  runCheck(new SequenceCheck(DEFAULT_CHECK_OPTIONS), exchangedAll(events));

const isRead = (e: ObservedEvent, cameraId: string) =>
  e.event.type === 'PlateRead' && e.event.data.cameraId === cameraId;
const isBeat = (e: ObservedEvent, cameraId: string) =>
  e.event.type === 'CameraHeartbeat' && e.event.data.cameraId === cameraId;

/** The busiest camera of the traffic and the indices of its reads, in delivery order. */
function busiestCamera(events: readonly ObservedEvent[]): { cameraId: string; reads: number[] } {
  const byCamera = new Map<string, number[]>();
  events.forEach((e, i) => {
    if (e.event.type !== 'PlateRead') return;
    const list = byCamera.get(e.event.data.cameraId) ?? [];
    byCamera.set(e.event.data.cameraId, [...list, i]);
  });
  const [cameraId, reads] = [...byCamera].sort((a, b) => b[1].length - a[1].length)[0]!;
  return { cameraId, reads };
}

/** Indices of two reads of one camera, delivered one after the other with no heartbeat of it between. */
function pairWithoutHeartbeat(events: readonly ObservedEvent[]): [number, number] {
  const last = new Map<string, number>();
  for (let i = 0; i < events.length; i++) {
    const { event } = events[i]!;
    if (event.type === 'CameraHeartbeat') last.delete(event.data.cameraId);
    if (event.type !== 'PlateRead') continue;
    const before = last.get(event.data.cameraId);
    if (before !== undefined) return [before, i];
    last.set(event.data.cameraId, i);
  }
  throw new Error('no two reads of a camera between two of its heartbeats');
}

describe('TC-FEED-1 sequence numbers', () => {
  const tiny = observedTraffic();
  const { cameraId, reads } = busiestCamera(tiny);
  const sequenceAt = (i: number) => (tiny[i]!.event.data as PlateRead).sequence;

  it('given clean generated traffic, then every camera numbers its reads without gaps or repeats', () => {
    for (const events of [tiny, observedTraffic('demo', 42)]) {
      const result = run(events);
      expect({ verdict: result.verdict, violations: result.violations }).toEqual({
        verdict: 'pass',
        violations: 0,
      });
      const judged = events.filter(
        (e) => e.event.type === 'PlateRead' || e.event.type === 'CameraHeartbeat',
      );
      expect(result.checked).toBe(judged.length);
    }
  });

  it('given demo traffic with late reads, then they arrive out of sequence order and still pass', () => {
    // Seed 7: some late reads are overtaken by the next read of their camera (not so with 42).
    const demo = observedTraffic('demo', 7);
    const last = new Map<string, number>();
    let outOfOrder = 0;
    for (const { event } of demo) {
      if (event.type !== 'PlateRead') continue;
      if (event.data.sequence < (last.get(event.data.cameraId) ?? -1)) outOfOrder += 1;
      last.set(
        event.data.cameraId,
        Math.max(event.data.sequence, last.get(event.data.cameraId) ?? -1),
      );
    }
    expect(outOfOrder).toBeGreaterThan(0);
    expect(run(demo).violations).toBe(0);
  });

  it('given a read never delivered, then the next heartbeat of its camera reports the gap', () => {
    const dropped = reads[2]!;
    const events = tiny.filter((_, i) => i !== dropped);
    const beat = events.findIndex((e, i) => i >= dropped && isBeat(e, cameraId));
    const lastSequence = (events[beat]!.event.data as { lastSequence: number }).lastSequence;
    const result = run(events);
    expect(result.violations).toBe(1);
    expect(result.samples).toEqual([
      expect.objectContaining({
        position: `record ${beat + 1}`,
        reason: `sequence ${sequenceAt(dropped)} of camera ${cameraId} never delivered, though its heartbeat vouches up to lastSequence ${lastSequence}: 1 missing`,
      }),
    ]);
  });

  it('given two consecutive reads never delivered, then one gap of two numbers is reported', () => {
    // Two reads of one camera with no heartbeat of it between them: one heartbeat vouches for both.
    const pair = pairWithoutHeartbeat(tiny);
    const events = tiny.filter((_, i) => !pair.includes(i));
    const [first, second] = pair.map((i) => (tiny[i]!.event.data as PlateRead).sequence);
    const result = run(events);
    expect(result.violations).toBe(1);
    expect(result.samples[0]!.reason).toMatch(
      new RegExp(`^sequences ${first}–${second} of camera \\S+ never delivered.*: 2 missing$`),
    );
  });

  it('given a read delivered again later, then the repeat is reported once, at the copy', () => {
    const original = tiny[reads[1]!]!;
    const at = reads[3]!;
    const events = [
      ...tiny.slice(0, at + 1),
      { ...original, deliverAt: tiny[at]!.deliverAt },
      ...tiny.slice(at + 1),
    ];
    const result = run(events);
    expect(result.violations).toBe(1);
    expect(result.samples).toEqual([
      expect.objectContaining({
        position: `record ${at + 2}`,
        reason: `sequence ${sequenceAt(reads[1]!)} of camera ${cameraId} delivered again`,
      }),
    ]);
  });

  it('given a read delivered after a heartbeat that vouched for it, then it is a gap there and not a repeat when it comes', () => {
    const moved = reads[1]!;
    const beat = tiny.findIndex((e, i) => i > moved && isBeat(e, cameraId));
    const later = tiny.findIndex((e, i) => i > beat && isBeat(e, cameraId));
    const events = tiny.filter((_, i) => i !== moved);
    events.splice(later, 0, { ...tiny[moved]!, deliverAt: tiny[later]!.deliverAt });
    const result = run(events);
    expect(result.violations).toBe(1);
    expect(result.samples[0]!.reason).toContain(
      `sequence ${sequenceAt(moved)} of camera ${cameraId} never delivered`,
    );
  });

  it('given a read delivered early, ahead of one numbered before it, then nothing is reported', () => {
    const [a, b] = [reads[0]!, reads[1]!];
    const events = tiny.filter((_, i) => i !== b);
    events.splice(a, 0, { ...tiny[b]!, deliverAt: tiny[a]!.deliverAt });
    const order = events
      .filter((e) => isRead(e, cameraId))
      .map((e) => (e.event.data as PlateRead).sequence);
    expect(order.slice(0, 2)).toEqual([sequenceAt(b), sequenceAt(a)]);
    expect(run(events).violations).toBe(0);
  });
});
