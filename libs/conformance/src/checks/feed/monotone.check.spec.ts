import { type CameraHeartbeat, type DeclarationHeartbeat } from '@uamd/domain';
import { type ObservedEvent } from '@uamd/traffic';
import { exchangedAll, observedTraffic, runCheck, withData } from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { instant } from './feeds';
import { MonotoneCheck } from './monotone.check';

const run = (events: readonly ObservedEvent[]) =>
  runCheck(new MonotoneCheck(DEFAULT_CHECK_OPTIONS), exchangedAll(events));

describe('TC-FEED-5 monotone heartbeats and delivery times', () => {
  const tiny = observedTraffic();
  const cameraId = 'MD-1-EXIT-L1';
  const beats = tiny.flatMap((e, i) =>
    e.event.type === 'CameraHeartbeat' && e.event.data.cameraId === cameraId ? [i] : [],
  );
  const beatAt = (n: number) => tiny[beats[n]!]!.event.data as CameraHeartbeat;

  it('given clean generated traffic, then no watermark and no partition steps back', () => {
    for (const events of [tiny, observedTraffic('demo', 42)]) {
      const result = run(events);
      expect({ verdict: result.verdict, checked: result.checked }).toEqual({
        verdict: 'pass',
        checked: events.length,
      });
    }
  });

  it('given a camera heartbeat whose upTo and lastSequence step back, then both are named once', () => {
    const prev = beatAt(9);
    const events = [...tiny];
    events[beats[10]!] = withData(tiny[beats[10]!]!, {
      upTo: prev.upTo - 60_000,
      lastSequence: prev.lastSequence - 1,
    });
    const result = run(events);
    expect(result.violations).toBe(1);
    expect(result.samples[0]!.reason).toBe(
      `upTo ${instant(prev.upTo - 60_000)} of camera ${cameraId} is before ${instant(prev.upTo)} of heartbeat ${prev.eventId}; lastSequence ${prev.lastSequence - 1} of camera ${cameraId} is below ${prev.lastSequence} of heartbeat ${prev.eventId}`,
    );
  });

  it('given a declaration heartbeat whose upTo steps back, then it is reported', () => {
    const decl = tiny.flatMap((e, i) => (e.event.type === 'DeclarationHeartbeat' ? [i] : []));
    const first = tiny[decl[0]!]!.event.data as DeclarationHeartbeat;
    const same = decl.find((i) => {
      const d = tiny[i]!.event.data as DeclarationHeartbeat;
      return i > decl[0]! && d.country === first.country && d.crossingPoint === first.crossingPoint;
    })!;
    const events = [...tiny];
    events[same] = withData(tiny[same]!, { upTo: first.upTo - 1 });
    const result = run(events);
    expect(result.violations).toBe(1);
    expect(result.samples[0]!.reason).toContain(
      `of ${first.country} declarations at ${first.crossingPoint} is before ${instant(first.upTo)}`,
    );
  });

  it('given one record stamped before the record ahead of it in its partition, then only that one is reported', () => {
    // A read of the camera, and the next record on the same topic and key.
    const readIndex = tiny.findIndex(
      (e) => e.event.type === 'PlateRead' && e.event.data.cameraId === cameraId,
    );
    const read = tiny[readIndex]!;
    const sameKey = (e: ObservedEvent) =>
      e.event.type !== 'CustomsDeclaration' &&
      e.event.type !== 'DeclarationHeartbeat' &&
      e.event.data.country === read.event.data.country &&
      e.event.data.crossingPoint === read.event.data.crossingPoint;
    const next = tiny.findIndex(
      (e, i) => i > readIndex && sameKey(e) && e.deliverAt > read.deliverAt,
    );
    const events = [...tiny];
    events[next] = { ...tiny[next]!, deliverAt: read.deliverAt - 1 };
    const result = run(events);
    expect(result.violations).toBe(1);
    expect(result.samples[0]!.position).toBe(`record ${next + 1}`);
    expect(result.samples[0]!.reason).toContain(
      `delivered at ${instant(read.deliverAt - 1)} on ${read.event.data.country.toLowerCase()}.plate-reads key '${read.event.data.crossingPoint}', earlier than record`,
    );
  });

  it('given records of another partition delivered earlier, then that is no step back', () => {
    const ua = tiny.filter((e) => e.event.data.country === 'UA');
    const md = tiny.filter((e) => e.event.data.country === 'MD');
    // All of Ukraine's records, then all of Moldova's: each partition is still in order.
    expect(run([...ua, ...md]).violations).toBe(0);
  });
});
