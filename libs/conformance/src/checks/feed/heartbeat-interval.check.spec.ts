import { type ObservedEvent } from '@uamd/traffic';
import { exchangedAll, observedTraffic, runCheck } from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { instant } from './feeds';
import {
  DEFAULT_HEARTBEAT_INTERVAL,
  HeartbeatIntervalCheck,
  type HeartbeatIntervalParameters,
} from './heartbeat-interval.check';

const run = (events: readonly ObservedEvent[], parameters?: HeartbeatIntervalParameters) =>
  runCheck(new HeartbeatIntervalCheck(DEFAULT_CHECK_OPTIONS, parameters), exchangedAll(events));

const beatOf = (cameraId: string) => (e: ObservedEvent) =>
  e.event.type === 'CameraHeartbeat' && e.event.data.cameraId === cameraId;

describe('TC-FEED-3 heartbeat interval', () => {
  const tiny = observedTraffic();
  const cameraId = 'MD-1-EXIT-L1';
  const beats = tiny.flatMap((e, i) => (beatOf(cameraId)(e) ? [i] : []));

  it('given clean generated traffic, then every feed heartbeats every 30 s', () => {
    for (const events of [tiny, observedTraffic('demo', 42)]) {
      const result = run(events);
      expect(result.verdict).toBe('pass');
      const feeds = new Set(
        events.flatMap(({ event }) =>
          event.type === 'CameraHeartbeat'
            ? [`camera ${event.data.cameraId}`]
            : event.type === 'DeclarationHeartbeat'
              ? [`${event.data.country} declarations at ${event.data.crossingPoint}`]
              : [],
        ),
      );
      expect(result.figures!['feeds']).toBe(feeds.size);
      for (const feed of feeds) expect(result.figures![`${feed} longest silence s`]).toBe(30);
    }
  });

  it('given the camera-outage scenario, then the hour the camera is down is caught', () => {
    // Down 10:00-11:00 (+03:00): its last heartbeat on the 30-s grid is at 09:59:30, the next at 11:00.
    const result = run(observedTraffic('camera-outage', 1));
    expect(result.violations).toBe(1);
    expect(result.samples[0]!.reason).toBe(
      `camera MD-1-ENTRY-L1 silent for 3630 s, from its heartbeat at ${instant(Date.parse('2024-09-06T09:59:30+03:00'))} to this one: more than 60 s`,
    );
    expect(result.figures!['camera MD-1-ENTRY-L1 longest silence s']).toBe(3630);
    expect(result.figures!['longest silence s']).toBe(3630);
  });

  it('given one heartbeat missing, then the 60-s silence is within the tolerance, and not with a tolerance of 1', () => {
    const events = tiny.filter((_, i) => i !== beats[5]);
    const result = run(events);
    expect(result.violations).toBe(0);
    expect(result.figures![`camera ${cameraId} longest silence s`]).toBe(60);
    const strict = run(events, { ...DEFAULT_HEARTBEAT_INTERVAL, toleranceFactor: 1 });
    expect(strict.violations).toBe(1);
  });

  it('given two heartbeats missing in a row, then the 90-s silence is reported at the heartbeat that ends it', () => {
    const events = tiny.filter((_, i) => i !== beats[5] && i !== beats[6]);
    const result = run(events);
    const ending = events.indexOf(tiny[beats[7]!]!);
    expect(result.violations).toBe(1);
    expect(result.samples).toEqual([
      expect.objectContaining({
        position: `record ${ending + 1}`,
        reason: `camera ${cameraId} silent for 90 s, from its heartbeat at ${instant(tiny[beats[4]!]!.deliverAt)} to this one: more than 60 s`,
      }),
    ]);
  });

  it('given a camera that stops heartbeating before the end, then the silence up to the end of the source is reported', () => {
    const stop = beats[10]!;
    const events = tiny.filter((e, i) => i <= stop || !beatOf(cameraId)(e));
    const result = run(events);
    expect(result.violations).toBe(1);
    expect(result.samples[0]!.position).toBe(`record ${stop + 1}`);
    expect(result.samples[0]!.reason).toMatch(
      new RegExp(
        `^camera ${cameraId} silent for \\d+ s, from its last heartbeat at ${instant(tiny[stop]!.deliverAt)} to the end of the source at ${instant(tiny[tiny.length - 1]!.deliverAt)}: more than 60 s$`,
      ),
    );
  });

  it('given a camera that sends reads and never a heartbeat, then it is reported from its first read', () => {
    const events = tiny.filter((e) => !beatOf(cameraId)(e));
    const first = events.findIndex(
      (e) => e.event.type === 'PlateRead' && e.event.data.cameraId === cameraId,
    );
    const result = run(events);
    expect(result.violations).toBe(1);
    expect(result.samples[0]!.position).toBe(`record ${first + 1}`);
    expect(result.samples[0]!.reason).toContain(`camera ${cameraId} sent no heartbeat in`);
    expect(result.figures![`camera ${cameraId} longest silence s`]).toBe('no heartbeat');
  });
});
