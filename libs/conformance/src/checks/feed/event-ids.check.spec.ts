import { type ObservedEvent } from '@uamd/traffic';
import { exchangedAll, observedTraffic, runCheck, withData } from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { EventIdsCheck } from './event-ids.check';
import { instant } from './feeds';

const run = (events: readonly ObservedEvent[], windowHours?: number) =>
  runCheck(new EventIdsCheck(DEFAULT_CHECK_OPTIONS, windowHours), exchangedAll(events));

describe('TC-FEED-2 event ids', () => {
  const tiny = observedTraffic();
  const firstRead = tiny.findIndex((e) => e.event.type === 'PlateRead');
  const read = tiny[firstRead]!;
  /** The index of the first event of `type` delivered at least `afterMs` after the first read. */
  const laterOf = (type: string, country: string, afterMs: number) =>
    tiny.findIndex(
      (e) =>
        e.event.type === type &&
        e.event.data.country === country &&
        e.deliverAt >= read.deliverAt + afterMs,
    );

  it('given clean generated traffic, then no id is delivered twice', () => {
    for (const events of [tiny, observedTraffic('demo', 42)]) {
      const result = run(events);
      expect({ verdict: result.verdict, checked: result.checked }).toEqual({
        verdict: 'pass',
        checked: events.length,
      });
    }
  });

  it('given a heartbeat carrying the id of a read of its country, then the clash is reported at the heartbeat', () => {
    const country = read.event.data.country;
    const at = laterOf('CameraHeartbeat', country, 0);
    const events = [...tiny];
    events[at] = withData(tiny[at]!, { eventId: read.event.data.eventId });
    const result = run(events);
    expect(result.violations).toBe(1);
    expect(result.samples).toEqual([
      {
        position: `record ${at + 1}`,
        topic: `${country.toLowerCase()}.plate-reads`,
        eventId: read.event.data.eventId,
        reason: `eventId '${read.event.data.eventId}' of ${country} (a CameraHeartbeat) already delivered at ${instant(read.deliverAt)}`,
      },
    ]);
  });

  it("given the other country's event carrying the same id, then there is no clash", () => {
    const other = read.event.data.country === 'UA' ? 'MD' : 'UA';
    const at = laterOf('CameraHeartbeat', other, 0);
    const events = [...tiny];
    events[at] = withData(tiny[at]!, { eventId: read.event.data.eventId });
    expect(run(events).violations).toBe(0);
  });

  it('given a repeat delivered after the window, then it is no longer seen; within it, it is', () => {
    const country = read.event.data.country;
    const windowHours = 2 / 60;
    const inside = laterOf('CameraHeartbeat', country, 60_000);
    const outside = laterOf('CameraHeartbeat', country, 3 * 60_000);
    for (const [at, expected] of [
      [inside, 1],
      [outside, 0],
    ] as const) {
      const events = [...tiny];
      events[at] = withData(tiny[at]!, { eventId: read.event.data.eventId });
      expect(run(events, windowHours).violations).toBe(expected);
    }
  });

  it('given a record that does not decode, then it is left to TC-FRAME-1', () => {
    const records = exchangedAll(tiny.slice(0, 50));
    const garbled = { ...records[0]!, value: Buffer.from([1, 2, 3]) };
    const result = runCheck(new EventIdsCheck(DEFAULT_CHECK_OPTIONS), [
      ...records,
      garbled,
      garbled,
    ]);
    expect({ checked: result.checked, violations: result.violations }).toEqual({
      checked: 50,
      violations: 0,
    });
  });

  it('given more distinct ids within the window than it remembers, then the oldest go first, the count stays at the bound, and the report says how many went early', () => {
    const check = new EventIdsCheck(DEFAULT_CHECK_OPTIONS, 24, 100);
    const records = exchangedAll(tiny.slice(0, 300));
    let most = 0;
    const result = runCheck(
      check,
      (function* () {
        for (const r of records) {
          yield r;
          most = Math.max(most, check.idsRemembered);
        }
        // The first id again: forgotten for the count, so not seen; the last one is.
        yield { ...records[0]!, position: 'again first' };
        yield { ...records[299]!, position: 'again last' };
      })(),
    );
    expect(most).toBe(100);
    expect(result.samples.map((s) => s.position)).toEqual(['again last']);
    expect(result.figures!['ids forgotten before their window ended']).toBe(201);
    expect(result.condition.parameters).toEqual({ windowHours: 24, maxRememberedIds: 100 });
  });

  it('given an id half a megabyte long delivered twice, then the repeat is seen, and neither the state nor the sample holds it', () => {
    const long = 'x'.repeat(500_000);
    const events = [...tiny.slice(0, 20)];
    events[3] = withData(tiny[3]!, { eventId: long });
    events[9] = withData(tiny[9]!, { eventId: long, country: tiny[3]!.event.data.country });
    const result = runCheck(new EventIdsCheck(DEFAULT_CHECK_OPTIONS), exchangedAll(events));
    expect(result.violations).toBe(1);
    expect(result.samples[0]!.eventId).toHaveLength(201);
    expect(result.samples[0]!.reason.length).toBeLessThan(300);
  });
});
