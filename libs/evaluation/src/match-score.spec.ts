import { type TruthTrip } from '@uamd/traffic';
import { scoreMatches, scoreOverdue } from './match-score';

const trip = (n: number, entered: boolean): TruthTrip => ({
  tripId: `t${n}`,
  crossingPoint: 'mamalyha-criva',
  exitCountry: 'UA',
  plate: `AA${n}`,
  category: 'CAR',
  exitEventId: `x${n}`,
  entryEventId: entered ? `e${n}` : null,
  exitCaptureTime: n,
  entryCaptureTime: entered ? n + 1 : null,
  noShow: !entered,
  mrn: null,
});

describe('scoring against the truth', () => {
  const truth = [trip(1, true), trip(2, true), trip(3, true), trip(4, false)];

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
    expect(scoreMatches(truth, [pair, pair]).predicted).toBe(1);
  });

  it('calls an overdue alarm true only for a vehicle that never entered', () => {
    expect(scoreOverdue(truth, [{ exitEventId: 'x4' }, { exitEventId: 'x2' }])).toEqual({
      alarms: 2,
      true: 1,
      false: 1,
    });
  });
});
