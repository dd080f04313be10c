import {
  type CameraHeartbeat,
  type CustomsDeclaration,
  type DeclarationHeartbeat,
  type PlateRead,
} from '@uamd/domain';
import { type ObservedEvent } from '@uamd/traffic';
import { exchangedAll, observedTraffic, runCheck, withData } from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { instant } from './feeds';
import { HeartbeatHonestyCheck } from './heartbeat-honesty.check';

const run = (events: readonly ObservedEvent[]) =>
  runCheck(new HeartbeatHonestyCheck(DEFAULT_CHECK_OPTIONS), exchangedAll(events));

/** `events` with the one at `from` delivered right after the one at `after`, at its time. */
function deliveredAfter(events: readonly ObservedEvent[], from: number, after: number) {
  const moved = { ...events[from]!, deliverAt: events[after]!.deliverAt };
  const out = events.filter((_, i) => i !== from);
  out.splice(out.indexOf(events[after]!) + 1, 0, moved);
  return { events: out, position: `record ${out.indexOf(moved) + 1}` };
}

describe('TC-FEED-4 heartbeat honesty', () => {
  const tiny = observedTraffic();
  const cameraId = 'MD-1-EXIT-L1';
  const readIndex = tiny.findIndex(
    (e) =>
      e.event.type === 'PlateRead' &&
      e.event.data.cameraId === cameraId &&
      e.event.data.sequence === 3,
  );
  const read = tiny[readIndex]!.event.data as PlateRead;
  const isBeat = (e: ObservedEvent) =>
    e.event.type === 'CameraHeartbeat' && e.event.data.cameraId === cameraId;

  it('given clean generated traffic, late reads included, then nothing comes below a heartbeat', () => {
    for (const events of [tiny, observedTraffic('demo', 42), observedTraffic('demo', 7)]) {
      const result = run(events);
      expect({ verdict: result.verdict, violations: result.violations }).toEqual({
        verdict: 'pass',
        violations: 0,
      });
      const judged = events.filter(
        (e) => e.event.type === 'PlateRead' || e.event.type === 'CustomsDeclaration',
      );
      expect(result.checked).toBe(judged.length);
    }
  });

  it('given a read delivered after a heartbeat that vouched for it, then both broken promises are named', () => {
    const beatIndex = tiny.findIndex((e, i) => i > readIndex && isBeat(e));
    const beat = tiny[beatIndex]!.event.data as CameraHeartbeat;
    expect(beat.lastSequence).toBe(read.sequence);
    const { events, position } = deliveredAfter(tiny, readIndex, beatIndex);
    const result = run(events);
    expect(result.violations).toBe(1);
    expect(result.samples).toEqual([
      expect.objectContaining({
        position,
        eventId: read.eventId,
        reason: `read of camera ${cameraId} delivered after its heartbeat: captureTime ${instant(read.captureTime)} is at or before upTo ${instant(beat.upTo)} of heartbeat ${beat.eventId}; sequence ${read.sequence} is at or below lastSequence ${beat.lastSequence} of heartbeat ${beat.eventId}`,
      }),
    ]);
  });

  it('given a read captured exactly at the upTo of the heartbeat before it, then it breaks the promise; a millisecond later it does not', () => {
    const before = tiny.slice(0, readIndex).map(isBeat).lastIndexOf(true);
    const beat = tiny[before]!.event.data as CameraHeartbeat;
    const broken = `read of camera ${cameraId} delivered after its heartbeat: captureTime ${instant(beat.upTo)} is at or before upTo ${instant(beat.upTo)} of heartbeat ${beat.eventId}`;
    for (const [captureTime, expected] of [
      [beat.upTo, [broken]],
      [beat.upTo + 1, []],
    ] as const) {
      const events = [...tiny];
      events[readIndex] = withData(tiny[readIndex]!, { captureTime });
      expect(run(events).samples.map((s) => s.reason)).toEqual(expected);
    }
  });

  it('given a declaration delivered after a heartbeat of its feed that vouched for it, then it is reported', () => {
    const declIndex = tiny.findIndex(
      (e) => e.event.type === 'CustomsDeclaration' && e.deliverAt >= tiny[readIndex]!.deliverAt,
    );
    const decl = tiny[declIndex]!.event.data as CustomsDeclaration;
    const beatIndex = tiny.findIndex(
      (e, i) =>
        i > declIndex &&
        e.event.type === 'DeclarationHeartbeat' &&
        e.event.data.country === decl.country &&
        e.event.data.crossingPoint === decl.crossingPoint,
    );
    const beat = tiny[beatIndex]!.event.data as DeclarationHeartbeat;
    const { events, position } = deliveredAfter(tiny, declIndex, beatIndex);
    const result = run(events);
    expect(result.violations).toBe(1);
    expect(result.samples).toEqual([
      expect.objectContaining({
        position,
        reason: `declaration ${decl.mrn} of ${decl.country} declarations at ${decl.crossingPoint} delivered after its heartbeat: lodgedAt ${instant(decl.lodgedAt)} is at or before upTo ${instant(beat.upTo)} of heartbeat ${beat.eventId}`,
      }),
    ]);
  });
});
