import fc from 'fast-check';
import { type OutputEvent } from '../events/output-events';
import { minutes, plateRead, sideHeartbeats, T0, timed } from '../testing/event-builders';
import { DEFAULT_MATCHING_CONFIG } from './matching.config';
import { initialState, type PartitionState } from './partition-state';
import { reconcile } from './reconcile';
import { type InputEvent } from '../events/input-events';

const ctx = { config: DEFAULT_MATCHING_CONFIG };
const run = (state: PartitionState, events: InputEvent[]) =>
  reconcile(state, timed(events), ctx).outputs;
/** Reads still waiting for their other half (a matched exit is kept a while to absorb duplicates). */
const unmatched = (state: PartitionState) =>
  [...state.pending.values()].filter((r) => r.crossingId === null).length;
const ofType = <T extends OutputEvent['type']>(outputs: OutputEvent[], type: T) =>
  outputs.filter((o): o is Extract<OutputEvent, { type: T }> => o.type === type);

describe('reconcile: pairing an exit with the entry on the other side', () => {
  it('given a UA exit, when the MD entry of the same plate arrives inside the window, then one crossing names both events', () => {
    const state = initialState();
    const exit = plateRead('UA', 'EXIT', 'AA1234BC', 0);
    const entry = plateRead('MD', 'ENTRY', 'AA1234BC', 20);
    expect(run(state, [exit])).toEqual([]);
    const matched = ofType(run(state, [entry]), 'CrossingMatched');
    expect(matched).toHaveLength(1);
    expect(matched[0]!.data).toMatchObject({
      exitEventId: exit.data.eventId,
      entryEventId: entry.data.eventId,
      crossingPoint: 'mohyliv-podilskyi-otaci',
      exitCountry: 'UA',
      entryCountry: 'MD',
      plate: 'AA1234BC',
    });
    expect(unmatched(state)).toBe(0);
  });

  it('matches a plate read in Cyrillic on one side and in Latin with separators on the other', () => {
    const state = initialState();
    const outputs = run(state, [
      plateRead('UA', 'EXIT', 'АА 1234 ВС', 0),
      plateRead('MD', 'ENTRY', 'aa-1234-bc', 10),
    ]);
    expect(ofType(outputs, 'CrossingMatched')).toHaveLength(1);
  });

  it('gives the same crossing id whichever side arrives first', () => {
    const exit = plateRead('MD', 'EXIT', 'ABC123', 0);
    const entry = plateRead('UA', 'ENTRY', 'ABC123', 30);
    const a = ofType(run(initialState(), [exit, entry]), 'CrossingMatched');
    const b = ofType(run(initialState(), [entry, exit]), 'CrossingMatched');
    expect(a[0]!.data.crossingId).toBe(b[0]!.data.crossingId);
  });

  it('does not match an entry with no exit, nor reads outside the transit window, nor the same side twice', () => {
    const state = initialState();
    const outputs = run(state, [
      plateRead('MD', 'ENTRY', 'XYZ999', 0),
      plateRead('UA', 'EXIT', 'LATE001', 0),
      plateRead('MD', 'ENTRY', 'LATE001', 241 + 4),
      plateRead('UA', 'EXIT', 'SAME01', 0),
      plateRead('UA', 'ENTRY', 'SAME01', 10),
    ]);
    expect(outputs).toEqual([]);
    expect(state.pending.size).toBe(5);
  });

  it('gives one crossing when the same pair is delivered twice', () => {
    const state = initialState();
    const exit = plateRead('UA', 'EXIT', 'AA0001AA', 0);
    const entry = plateRead('MD', 'ENTRY', 'AA0001AA', 5);
    const outputs = [...run(state, [exit, entry]), ...run(state, [exit, entry])];
    expect(ofType(outputs, 'CrossingMatched')).toHaveLength(1);
    expect(unmatched(state)).toBe(0);
  });

  it('rejects reads at an unknown crossing point for the dead-letter topic', () => {
    const bad = plateRead('UA', 'EXIT', 'AA0001AA', 0);
    (bad.data as { crossingPoint: string }).crossingPoint = 'nowhere';
    const result = reconcile(initialState(), timed([bad]), ctx);
    expect(result.rejected.map((r) => r.reason)).toEqual(['UNKNOWN_CROSSING_POINT']);
  });
});

describe('reconcile: overdue exits and stale feeds from heartbeats', () => {
  // Mohyliv-Podilskyi–Otaci: 240 min max transit + 3 min skew.
  it('given an exit and no entry, when the entry side vouches past the window end, then the exit is overdue with no new vehicle needed', () => {
    const state = initialState();
    run(state, [plateRead('UA', 'EXIT', 'BB2222CC', 0)]);
    expect(run(state, [...sideHeartbeats('UA', 242), ...sideHeartbeats('MD', 242)])).toEqual([]);
    const overdue = ofType(
      run(state, [...sideHeartbeats('UA', 244), ...sideHeartbeats('MD', 244)]),
      'CrossingOverdue',
    );
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.data).toMatchObject({
      windowEnd: T0 + minutes(243),
      entrySideWatermark: T0 + minutes(244),
      exitCountry: 'UA',
    });
  });

  it('matches a late entry after the overdue alarm and references the alarm', () => {
    const state = initialState();
    run(state, [
      plateRead('UA', 'EXIT', 'BB2222CC', 0),
      ...sideHeartbeats('UA', 250),
      ...sideHeartbeats('MD', 250),
    ]);
    const alarmId = (state.pending.values().next().value as { overdueAlarmId: string })
      .overdueAlarmId;
    expect(alarmId).toMatch(/^od-/);
    const matched = ofType(
      run(state, [plateRead('MD', 'ENTRY', 'BB2222CC', 243)]),
      'CrossingMatched',
    );
    expect(matched[0]!.data.overdueAlarmId).toBe(alarmId);
  });

  it('raises FeedStale when one side stops, calls nobody overdue against it, and recovers', () => {
    const state = initialState();
    run(state, [
      plateRead('UA', 'EXIT', 'CC3333EE', 0),
      ...sideHeartbeats('UA', 0),
      ...sideHeartbeats('MD', 0),
    ]);
    const stale = ofType(run(state, sideHeartbeats('UA', 300)), 'FeedStale');
    expect(stale.map((s) => [s.data.country, s.data.recovered])).toEqual([['MD', false]]);
    expect(ofType(run(state, sideHeartbeats('UA', 400)), 'CrossingOverdue')).toEqual([]);
    const recovery = run(state, sideHeartbeats('MD', 400));
    expect(ofType(recovery, 'FeedStale').map((s) => s.data.recovered)).toEqual([true]);
    expect(ofType(recovery, 'CrossingOverdue')).toHaveLength(1);
  });

  it('drops a pending entry once the exit side vouches past it, bounding memory', () => {
    const state = initialState();
    run(state, [plateRead('MD', 'ENTRY', 'NOEXIT1', 0)]);
    run(state, [...sideHeartbeats('MD', 10), ...sideHeartbeats('UA', 10)]);
    expect(state.pending.size).toBe(0);
  });
});

describe('reconcile: property — arrival order across the two countries does not change the crossings', () => {
  it('interleaving UA and MD streams differently gives the same crossing ids (distinct vehicles)', () => {
    const plates = ['AA1111AA', 'BB2222BB', 'ABC123', 'XYZ789', 'KA5555HH', 'CE4821MK', 'RTC404'];
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            p: fc.nat(plates.length - 1),
            t: fc.nat(600),
            transit: fc.integer({ min: 5, max: 200 }),
          }),
          { maxLength: plates.length, selector: (trip) => trip.p },
        ),
        fc.array(fc.boolean(), { maxLength: 80 }),
        (trips, picks) => {
          const ua: InputEvent[] = [];
          const md: InputEvent[] = [];
          for (const trip of [...trips].sort((a, b) => a.t - b.t)) {
            ua.push(plateRead('UA', 'EXIT', plates[trip.p]!, trip.t));
            md.push(plateRead('MD', 'ENTRY', plates[trip.p]!, trip.t + trip.transit));
          }
          md.sort(
            (a, b) =>
              (a.data as { captureTime: number }).captureTime -
              (b.data as { captureTime: number }).captureTime,
          );
          const inOrder = [...ua, ...md];
          const interleaved: InputEvent[] = [];
          let i = 0;
          let j = 0;
          for (const pick of picks) {
            if (pick && i < ua.length) interleaved.push(ua[i++]!);
            else if (j < md.length) interleaved.push(md[j++]!);
          }
          interleaved.push(...ua.slice(i), ...md.slice(j));
          const ids = (events: InputEvent[]) =>
            ofType(run(initialState(), events), 'CrossingMatched')
              .map((m) => m.data.crossingId)
              .sort();
          expect(ids(interleaved)).toEqual(ids(inOrder));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('reconcile: a feed breaking its heartbeat promise', () => {
  it('given a read captured before its camera already vouched, then it is still paired where it arrived, and reported late', () => {
    const state = initialState();
    const first = reconcile(
      state,
      timed([...sideHeartbeats('UA', 10), ...sideHeartbeats('MD', 10)]),
      ctx,
    );
    expect(first.late).toEqual([]);
    const exit = plateRead('UA', 'EXIT', 'LT0001LT', 2);
    const entry = plateRead('MD', 'ENTRY', 'LT0001LT', 12);
    const result = reconcile(state, timed([exit, entry]), ctx);
    expect(result.late).toEqual([exit.data.eventId]);
    expect(ofType(result.outputs, 'CrossingMatched')).toHaveLength(1);
  });
});
