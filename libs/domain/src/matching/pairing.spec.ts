import { type OutputEvent } from '../events/output-events';
import { type InputEvent } from '../events/input-events';
import { camerasOf, crossingPoint } from '../posts/border-posts.registry';
import { plateRead, sideHeartbeats, timed } from '../testing/event-builders';
import { DEFAULT_MATCHING_CONFIG } from './matching.config';
import { initialState, type PartitionState } from './partition-state';
import { reconcile } from './reconcile';

const ctx = { config: DEFAULT_MATCHING_CONFIG };
const run = (state: PartitionState, events: InputEvent[]) =>
  reconcile(state, timed(events), ctx).outputs;
const matches = (outputs: OutputEvent[]) =>
  outputs.flatMap((o) =>
    o.type === 'CrossingMatched' ? [[o.data.exitEventId, o.data.entryEventId]] : [],
  );
const idOf = (e: InputEvent) => e.data.eventId;
const bothSides = (minute: number) => [
  ...sideHeartbeats('UA', minute),
  ...sideHeartbeats('MD', minute),
];
const point = crossingPoint('mohyliv-podilskyi-otaci');

describe('pairing: noisy reads', () => {
  it('given a misread on each side (0/O on one camera, 8/B and a Cyrillic letter on the other), then the crossing is matched with a score below 1', () => {
    const state = initialState();
    const exit = plateRead('UA', 'EXIT', 'KA 0123 BH', 0, { ocrConfidence: 0.7 });
    const entry = plateRead('MD', 'ENTRY', 'КА О123 8Н', 12, { ocrConfidence: 0.75 });
    const outputs = run(state, [exit, entry]);
    expect(matches(outputs)).toEqual([[idOf(exit), idOf(entry)]]);
    const score = outputs[0]?.type === 'CrossingMatched' ? outputs[0].data.score : NaN;
    expect(score).toBeGreaterThan(0.5);
    expect(score).toBeLessThan(1);
  });

  it('does not pair plates that differ by more than misreads explain, even inside the window', () => {
    const state = initialState();
    const outputs = run(state, [
      plateRead('UA', 'EXIT', 'KA0123BH', 0),
      plateRead('MD', 'ENTRY', 'KA7193XH', 12),
    ]);
    expect(matches(outputs)).toEqual([]);
  });

  it('respects the transit window per direction, widened by the clock-skew bound', () => {
    const { maxMinutes } = point.transit.UA;
    const skewMinutes = DEFAULT_MATCHING_CONFIG.clockSkewMs / 60_000;
    const inside = initialState();
    expect(
      matches(
        run(inside, [
          plateRead('UA', 'EXIT', 'AA1111AA', 0),
          plateRead('MD', 'ENTRY', 'AA1111AA', maxMinutes + skewMinutes - 1),
        ]),
      ),
    ).toHaveLength(1);
    const outside = initialState();
    expect(
      matches(
        run(outside, [
          plateRead('UA', 'EXIT', 'AA1111AA', 0),
          plateRead('MD', 'ENTRY', 'AA1111AA', maxMinutes + skewMinutes + 1),
        ]),
      ),
    ).toHaveLength(0);
    // A transit shorter than the post's minimum, as a camera whose clock runs behind stamps it, still pairs.
    const skewed = initialState();
    expect(
      matches(
        run(skewed, [
          plateRead('UA', 'EXIT', 'AA2222AA', 10),
          plateRead(
            'MD',
            'ENTRY',
            'AA2222AA',
            10 + point.transit.UA.minMinutes - skewMinutes + 0.5,
          ),
        ]),
      ),
    ).toHaveLength(1);
  });
});

describe('pairing: competing candidates are assigned, not taken first come first served', () => {
  // Two lookalike trucks leave Ukraine a minute apart. The first one's entry is misread so that
  // it looks more like the second truck (3 read as B, a confusion of 8) than like itself.
  const twins = () => ({
    exitX: plateRead('UA', 'EXIT', 'AA1234BC', 0),
    exitY: plateRead('UA', 'EXIT', 'AA1284BC', 1),
    entryX: plateRead('MD', 'ENTRY', 'AA12B4BC', 20, { ocrConfidence: 0.7 }),
    entryY: plateRead('MD', 'ENTRY', 'AA1284BC', 22),
  });

  it('given near-twin plates at one post in one window, when the misread entry comes first, then it waits and both are paired correctly', () => {
    const t = twins();
    const state = initialState();
    const first = run(state, [t.exitX, t.exitY, t.entryX]);
    expect(matches(first)).toEqual([]);
    expect(state.pending.get(idOf(t.entryX))!.deferred).toBe(true);
    const all = [...first, ...run(state, [t.entryY]), ...run(state, bothSides(60))];
    expect(matches(all).sort()).toEqual(
      [
        [idOf(t.exitX), idOf(t.entryX)],
        [idOf(t.exitY), idOf(t.entryY)],
      ].sort(),
    );
  });

  it('pairs both correctly at once when the clear entry comes first', () => {
    const t = twins();
    const state = initialState();
    const outputs = run(state, [t.exitX, t.exitY, t.entryY, t.entryX]);
    expect(matches(outputs).sort()).toEqual(
      [
        [idOf(t.exitX), idOf(t.entryX)],
        [idOf(t.exitY), idOf(t.entryY)],
      ].sort(),
    );
  });

  it('an ambiguous read waits no longer than its hold, then takes its best assignment', () => {
    const t = twins();
    const state = initialState();
    run(state, [t.exitX, t.exitY, t.entryX]);
    const holdMinutes = DEFAULT_MATCHING_CONFIG.ambiguityHoldMs / 60_000;
    expect(matches(run(state, bothSides(20 + holdMinutes - 1)))).toEqual([]);
    // Alone, the misread entry is closer to Y: with nothing else to go on that is the best guess.
    expect(matches(run(state, bothSides(20 + holdMinutes + 1)))).toEqual([
      [idOf(t.exitY), idOf(t.entryX)],
    ]);
  });
});

describe('pairing: duplicates give one crossing', () => {
  it('the same camera firing twice, and the other lane reading the same vehicle, are absorbed', () => {
    const state = initialState();
    const [cam1, cam2] = camerasOf('UA', point, 'EXIT');
    const exit = plateRead('UA', 'EXIT', 'AA1234BC', 0, { cameraId: cam1! });
    const again = plateRead('UA', 'EXIT', 'AA1234 8C'.replace(' ', ''), 0.05, { cameraId: cam1! });
    const otherLane = plateRead('UA', 'EXIT', 'АА1234ВС', 0.02, { cameraId: cam2!, laneId: 'L2' });
    const entry = plateRead('MD', 'ENTRY', 'AA1234BC', 15);
    const entryAgain = plateRead('MD', 'ENTRY', 'AA1234BC', 15.03);
    const outputs = [
      ...run(state, [exit, again, otherLane, entry, entryAgain]),
      ...run(state, bothSides(600)),
    ];
    expect(matches(outputs)).toEqual([[idOf(exit), idOf(entry)]]);
    expect(outputs.filter((o) => o.type === 'CrossingOverdue')).toEqual([]);
  });

  it('a duplicate exit delivered after its crossing was matched raises no overdue alarm', () => {
    const state = initialState();
    const exit = plateRead('UA', 'EXIT', 'AA1234BC', 0);
    const entry = plateRead('MD', 'ENTRY', 'AA1234BC', 15);
    const lateDuplicate = plateRead('UA', 'EXIT', 'AA1234BC', 0.05);
    const outputs = [
      ...run(state, [entry, exit]),
      ...run(state, [lateDuplicate]),
      ...run(state, bothSides(600)),
    ];
    expect(matches(outputs)).toEqual([[idOf(exit), idOf(entry)]]);
    expect(outputs.filter((o) => o.type === 'CrossingOverdue')).toEqual([]);
    // The matched exit is forgotten once its own side vouches no duplicate can still come.
    expect(state.pending.size).toBe(0);
  });

  it('two different vehicles minutes apart are not duplicates', () => {
    const state = initialState();
    const outputs = run(state, [
      plateRead('UA', 'EXIT', 'AA1234BC', 0),
      plateRead('UA', 'EXIT', 'AA1234BC', 30),
      plateRead('MD', 'ENTRY', 'AA1234BC', 20),
      plateRead('MD', 'ENTRY', 'AA1234BC', 50),
    ]);
    expect(matches(outputs)).toHaveLength(2);
  });
});
