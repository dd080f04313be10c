import { type TruthTrip } from '@uamd/traffic';
import { scoreMatches, scoreOverdue } from './match-score';

/** Trip n: exit reads xn (and xn.dup when duplicated), entry reads en when entered. */
const trip = (n: number, entry: 'read' | 'no-show' | 'missed', duplicates = false): TruthTrip => ({
  tripId: `t${n}`,
  crossingPoint: 'mamalyha-criva',
  exitCountry: 'UA',
  plate: `AA${n}`,
  category: 'CAR',
  exitEventIds: duplicates ? [`x${n}`, `x${n}.dup`] : [`x${n}`],
  entryEventIds: entry === 'read' ? (duplicates ? [`e${n}`, `e${n}.dup`] : [`e${n}`]) : [],
  exitCaptureTime: n,
  entryCaptureTime: entry === 'no-show' ? null : n + 1,
  noShow: entry === 'no-show',
  declarations: null,
});

describe('scoring against the truth', () => {
  const truth = [trip(1, 'read'), trip(2, 'read'), trip(3, 'read'), trip(4, 'no-show')];

  it('given one right, one wrong pairing and two misses, gives precision 1/2, recall 1/3 and their F1', () => {
    const score = scoreMatches(truth, [
      { exitEventId: 'x1', entryEventId: 'e1' },
      { exitEventId: 'x2', entryEventId: 'e3' },
    ]);
    expect(score).toMatchObject({ predicted: 2, expected: 3, truePositives: 1, precision: 0.5 });
    expect(score.recall).toBeCloseTo(1 / 3);
    expect(score.f1).toBeCloseTo(0.4);
  });

  it('counts a republished crossing once', () => {
    const pair = { exitEventId: 'x1', entryEventId: 'e1' };
    expect(scoreMatches(truth, [pair, pair])).toMatchObject({ predicted: 1, truePositives: 1 });
  });

  it('given duplicate reads, takes any of the trip’s reads as right once, and a second pair for the trip as a false positive', () => {
    const dup = [trip(1, 'read', true), trip(2, 'read')];
    expect(scoreMatches(dup, [{ exitEventId: 'x1.dup', entryEventId: 'e1' }])).toMatchObject({
      predicted: 1,
      truePositives: 1,
      precision: 1,
      recall: 0.5,
    });
    const twice = scoreMatches(dup, [
      { exitEventId: 'x1', entryEventId: 'e1' },
      { exitEventId: 'x1.dup', entryEventId: 'e1.dup' },
    ]);
    expect(twice).toMatchObject({ predicted: 2, truePositives: 1, precision: 0.5 });
  });

  it('does not expect a crossing whose entry read was never observed, and calls pairing an entry with an exit wrong', () => {
    const missed = [trip(1, 'missed'), trip(2, 'read')];
    expect(scoreMatches(missed, [])).toMatchObject({ expected: 1, recall: 0 });
    expect(scoreMatches(missed, [{ exitEventId: 'e2', entryEventId: 'x2' }]).truePositives).toBe(0);
  });

  it('calls an overdue alarm true only for a vehicle with no observed entry read, once per trip', () => {
    const withMissed = [...truth, trip(5, 'missed', true)];
    expect(
      scoreOverdue(withMissed, [
        { exitEventId: 'x4' },
        { exitEventId: 'x2' },
        { exitEventId: 'x5' },
        { exitEventId: 'x5.dup' },
        { exitEventId: 'x4' },
      ]),
    ).toEqual({
      alarms: 4,
      true: 2,
      false: 2,
      trueNoShows: 1,
      trueUnobservedEntries: 1,
    });
  });
});
