import { type InputEvent } from '../events/input-events';
import { type CrossingDiscrepancy, type OutputEvent } from '../events/output-events';
import { DEFAULT_MATCHING_CONFIG } from '../matching/matching.config';
import { initialState, type PartitionState } from '../matching/partition-state';
import { reconcile } from '../matching/reconcile';
import {
  cameraHeartbeats,
  declaration,
  declarationHeartbeat,
  plateRead,
  sideHeartbeats,
  timed,
} from '../testing/event-builders';

const ctx = { config: DEFAULT_MATCHING_CONFIG };
const run = (state: PartitionState, events: InputEvent[]) =>
  reconcile(state, timed(events), ctx).outputs;
const discrepancies = (outputs: OutputEvent[]): CrossingDiscrepancy[] =>
  outputs.flatMap((o) => (o.type === 'CrossingDiscrepancy' ? [o.data] : []));
const reasons = (outputs: OutputEvent[]) =>
  discrepancies(outputs)
    .map((d) => d.reason)
    .sort();
/** Both sides' cameras and declaration feeds vouch for everything up to `minute`. */
const bothSides = (minute: number) => [
  ...sideHeartbeats('UA', minute),
  ...sideHeartbeats('MD', minute),
];

/** A truck leaving Ukraine at minute 0 and entering Moldova at minute 20, plates read with a misread. */
function truck(body: string) {
  return {
    exit: plateRead('UA', 'EXIT', 'ВС 4821 КА', 0, { vehicleCategory: 'TRUCK' }),
    entry: plateRead('MD', 'ENTRY', 'BC4B21KA', 20, {
      vehicleCategory: 'TRUCK',
      ocrConfidence: 0.7,
    }),
    export: (overrides: { plate?: string; goods?: Array<[string, number]>; at?: number } = {}) =>
      declaration(
        'UA',
        'EXPORT',
        body,
        overrides.plate ?? 'BC 4821 KA',
        overrides.at ?? -60,
        overrides.goods,
      ),
    import: (overrides: { plate?: string; goods?: Array<[string, number]>; at?: number } = {}) =>
      declaration(
        'MD',
        'IMPORT',
        body,
        overrides.plate ?? 'BC4821KA',
        overrides.at ?? -30,
        overrides.goods,
      ),
  };
}

describe('declarations linked to crossings by MRN and plate', () => {
  it('given matching declarations on both sides, then the crossing is linked and nothing is raised', () => {
    const t = truck('000000000001');
    const state = initialState();
    const outputs = [
      ...run(state, [t.export(), t.import(), t.exit, t.entry]),
      ...run(state, bothSides(400)),
    ];
    expect(outputs.filter((o) => o.type === 'CrossingMatched')).toHaveLength(1);
    expect(reasons(outputs)).toEqual([]);
    const [linked] = [...state.cases.values()];
    expect(linked?.crossing?.exitEventId).toBe(t.exit.data.eventId);
    // Kept for redeliveries until the retention ends, then forgotten: memory stays bounded.
    run(state, bothSides(DEFAULT_MATCHING_CONFIG.retentionMs / 60_000 + 1));
    expect(state.cases.size).toBe(0);
  });

  it('raises GOODS_NOT_DECLARED_ON_ENTRY once the entry side passes the grace, and only then', () => {
    const t = truck('000000000002');
    const state = initialState();
    const graceMinutes = DEFAULT_MATCHING_CONFIG.declarations.importGraceMs / 60_000;
    const early = [
      ...run(state, [t.export(), t.exit, t.entry]),
      ...run(state, bothSides(20 + graceMinutes - 1)),
    ];
    expect(reasons(early)).toEqual([]);
    const late = run(state, bothSides(20 + graceMinutes + 1));
    expect(reasons(late)).toEqual(['GOODS_NOT_DECLARED_ON_ENTRY']);
    expect(discrepancies(late)[0]!.sourceEventIds).toEqual(
      expect.arrayContaining([t.export().data.eventId, t.exit.data.eventId, t.entry.data.eventId]),
    );
  });

  it('raises PLATE_MISMATCH when the declared plate is beyond misread tolerance of the camera read, not for a misread', () => {
    const t = truck('000000000003');
    const state = initialState();
    const outputs = run(state, [t.export(), t.import({ plate: 'KA 7719 XM' }), t.exit, t.entry]);
    expect(reasons(outputs)).toEqual(['PLATE_MISMATCH']);
  });

  it('raises GROSS_MASS_MISMATCH beyond the tolerance and HS_CODE_MISMATCH at the configured level', () => {
    const t = truck('000000000004');
    const state = initialState();
    const outputs = run(state, [
      t.export({
        goods: [
          ['870323', 1000],
          ['040690', 500],
        ],
      }),
      t.import({
        goods: [
          ['8703231990', 1010],
          ['040110', 700],
        ],
      }),
      t.exit,
      t.entry,
    ]);
    expect(reasons(outputs)).toEqual(['GROSS_MASS_MISMATCH', 'HS_CODE_MISMATCH']);
    // A 10-digit national code that extends the same 6-digit subheading is not a discrepancy.
    const same = run(initialState(), [
      t.export({ goods: [['870323', 1000]] }),
      declaration('MD', 'IMPORT', '000000000005', 'BC4821KA', -30, [['8703231990', 1004]]),
      declaration('UA', 'EXPORT', '000000000005', 'BC4821KA', -60, [['870323', 1000]]),
    ]);
    expect(reasons(same)).toEqual([]);
  });

  it('raises DECLARED_AFTER_CROSSING for an import lodged after the entry capture', () => {
    const t = truck('000000000006');
    const state = initialState();
    const outputs = [
      ...run(state, [t.export(), t.exit, t.entry]),
      ...run(state, [t.import({ at: 50 })]),
    ];
    expect(reasons(outputs)).toEqual(['DECLARED_AFTER_CROSSING']);
  });

  it('never raises a reason twice for one MRN, even when the declaration is delivered again', () => {
    const t = truck('000000000007');
    const state = initialState();
    const bad = t.import({ goods: [['870323', 3000]] });
    const outputs = [
      ...run(state, [t.export(), bad, t.exit, t.entry]),
      ...run(state, [bad, t.export()]),
    ];
    expect(reasons(outputs)).toEqual(['GROSS_MASS_MISMATCH']);
  });

  it('sends a declaration with a bad MRN check character to the dead-letter topic', () => {
    const t = truck('000000000008');
    const decl = t.export();
    if (decl.type !== 'CustomsDeclaration') throw new Error('builder');
    const last = decl.data.mrn.at(-1) === '0' ? '1' : '0';
    const broken: InputEvent = {
      type: 'CustomsDeclaration',
      data: { ...decl.data, mrn: decl.data.mrn.slice(0, 17) + last },
    };
    const result = reconcile(initialState(), timed([broken]), ctx);
    expect(result.rejected.map((r) => r.reason)).toEqual(['INVALID_MRN_CHECK_CHARACTER']);
  });

  it('links declarations read only after the crossing was matched (a lagging declarations topic)', () => {
    const t = truck('000000000009');
    const state = initialState();
    const outputs = [
      ...run(state, [t.exit, t.entry]),
      ...run(state, [t.export(), t.import({ plate: 'KA 7719 XM' })]),
    ];
    expect(reasons(outputs)).toEqual(['PLATE_MISMATCH']);
    expect(discrepancies(outputs)[0]!.sourceEventIds).toContain(t.entry.data.eventId);
  });

  it("does not call goods undeclared while the entry side's declaration feed has not vouched past the grace, however far its cameras are", () => {
    const t = truck('000000000010');
    const state = initialState();
    const graceMinutes = DEFAULT_MATCHING_CONFIG.declarations.importGraceMs / 60_000;
    const cameras = (minute: number) => [
      ...cameraHeartbeats('UA', minute),
      ...cameraHeartbeats('MD', minute),
    ];
    expect(
      reasons([
        ...run(state, [t.export(), t.exit, t.entry, declarationHeartbeat('MD', 0)]),
        ...run(state, cameras(20 + graceMinutes + 60)),
        ...run(state, [declarationHeartbeat('MD', 20 + graceMinutes - 1)]),
      ]),
    ).toEqual([]);
    expect(reasons(run(state, [declarationHeartbeat('MD', 20 + graceMinutes + 1)]))).toEqual([
      'GOODS_NOT_DECLARED_ON_ENTRY',
    ]);
  });

  it('given an import lodged within the grace but delivered late, then the feed that vouches for it brings it first and nothing is raised', () => {
    const t = truck('000000000011');
    const state = initialState();
    const graceMinutes = DEFAULT_MATCHING_CONFIG.declarations.importGraceMs / 60_000;
    const outputs = [
      ...run(state, [t.export(), t.exit, t.entry, ...bothSides(25)]),
      ...run(state, [
        ...cameraHeartbeats('UA', 20 + graceMinutes + 30),
        ...cameraHeartbeats('MD', 20 + graceMinutes + 30),
      ]),
      ...run(state, [t.import({ at: 40 }), declarationHeartbeat('MD', 20 + graceMinutes + 30)]),
    ];
    expect(reasons(outputs)).toEqual(['DECLARED_AFTER_CROSSING']);
  });
});
