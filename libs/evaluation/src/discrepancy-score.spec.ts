import { type DiscrepancyReason } from '@uamd/domain';
import { type TruthTrip } from '@uamd/traffic';
import { isObservable, scoreDiscrepancies } from './discrepancy-score';

const truck = (
  n: number,
  injected: DiscrepancyReason[],
  seen: { entry?: boolean; importLodged?: boolean } = {},
): TruthTrip => ({
  tripId: `t${n}`,
  crossingPoint: 'mamalyha-criva',
  exitCountry: 'UA',
  plate: `AA${n}`,
  category: 'TRUCK',
  exitEventIds: [`x${n}`],
  entryEventIds: seen.entry === false ? [] : [`e${n}`],
  exitCaptureTime: n,
  entryCaptureTime: n + 1,
  noShow: false,
  declarations: {
    mrn: `mrn${n}`,
    exportEventId: `exp${n}`,
    importEventId:
      seen.importLodged === false || injected.includes('GOODS_NOT_DECLARED_ON_ENTRY')
        ? null
        : `imp${n}`,
    injected,
  },
});

describe('scoreDiscrepancies', () => {
  const truth = [
    truck(1, ['GROSS_MASS_MISMATCH']),
    truck(2, ['GROSS_MASS_MISMATCH', 'HS_CODE_MISMATCH']),
    truck(3, ['GOODS_NOT_DECLARED_ON_ENTRY']),
    truck(4, ['PLATE_MISMATCH'], { entry: false }),
    truck(5, ['DECLARED_AFTER_CROSSING'], { importLodged: false }),
    truck(6, []),
    truck(7, ['HS_CODE_MISMATCH'], { entry: false }),
  ];

  it('counts as injected only what the exchanged data could show: both declarations for mass and HS code, the crossing too for the rest', () => {
    expect(isObservable(truth[0]!, 'GROSS_MASS_MISMATCH')).toBe(true);
    expect(isObservable(truth[2]!, 'GOODS_NOT_DECLARED_ON_ENTRY')).toBe(true);
    expect(isObservable(truth[3]!, 'PLATE_MISMATCH')).toBe(false);
    expect(isObservable(truth[4]!, 'DECLARED_AFTER_CROSSING')).toBe(false);
    expect(isObservable(truth[5]!, 'GROSS_MASS_MISMATCH')).toBe(false);
    expect(isObservable(truth[6]!, 'HS_CODE_MISMATCH')).toBe(true);
    const score = scoreDiscrepancies(truth, []);
    expect(score.GROSS_MASS_MISMATCH).toEqual({ injected: 2, found: 0, true: 0, false: 0 });
    expect(score.HS_CODE_MISMATCH.injected).toBe(2);
    expect(score.GOODS_NOT_DECLARED_ON_ENTRY.injected).toBe(1);
    expect(score.PLATE_MISMATCH.injected).toBe(0);
    expect(score.DECLARED_AFTER_CROSSING.injected).toBe(0);
  });

  it('calls a report true when it cites a read or declaration of a trip with that reason injected, once per trip and reason', () => {
    const score = scoreDiscrepancies(truth, [
      { discrepancyId: 'a', reason: 'GROSS_MASS_MISMATCH', sourceEventIds: ['exp1', 'imp1'] },
      { discrepancyId: 'a', reason: 'GROSS_MASS_MISMATCH', sourceEventIds: ['exp1', 'imp1'] },
      { discrepancyId: 'b', reason: 'GROSS_MASS_MISMATCH', sourceEventIds: ['e1'] },
      { discrepancyId: 'c', reason: 'GROSS_MASS_MISMATCH', sourceEventIds: ['imp6'] },
      { discrepancyId: 'd', reason: 'HS_CODE_MISMATCH', sourceEventIds: ['x2', 'imp2'] },
      { discrepancyId: 'e', reason: 'PLATE_MISMATCH', sourceEventIds: ['imp2'] },
      { discrepancyId: 'f', reason: 'GOODS_NOT_DECLARED_ON_ENTRY', sourceEventIds: ['exp3'] },
    ]);
    expect(score.GROSS_MASS_MISMATCH).toEqual({ injected: 2, found: 3, true: 1, false: 2 });
    expect(score.HS_CODE_MISMATCH).toEqual({ injected: 2, found: 1, true: 1, false: 0 });
    expect(score.PLATE_MISMATCH).toEqual({ injected: 0, found: 1, true: 0, false: 1 });
    expect(score.GOODS_NOT_DECLARED_ON_ENTRY).toEqual({
      injected: 1,
      found: 1,
      true: 1,
      false: 0,
    });
  });
});
