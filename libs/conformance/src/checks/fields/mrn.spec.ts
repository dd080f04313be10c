import { makeMrn, mrnCheckCharacter, otherCountry } from '@uamd/domain';
import { exchangedAll, observedTraffic, runCheck, withData } from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { firstOf, overCleanTraffic } from './field-testing';
import { MrnCheck } from './mrn.check';

describe('TC-FIELD-3 MRN', () => {
  it.each([
    ['tiny', 7],
    ['demo', 42],
  ])(
    'given clean %s traffic (imports carry the export MRN), then every MRN passes',
    (name, seed) => {
      const { result, applicable } = overCleanTraffic(
        new MrnCheck(DEFAULT_CHECK_OPTIONS),
        name,
        seed,
        ['CustomsDeclaration'],
      );
      expect([result.verdict, result.violations]).toEqual(['pass', 0]);
      expect(result.checked).toBe(applicable);
      expect(applicable).toBeGreaterThan(0);
    },
  );

  const events = observedTraffic();
  const exported = firstOf(events, 'CustomsDeclaration', (e) => e.event.data.kind === 'EXPORT');
  const imported = firstOf(events, 'CustomsDeclaration', (e) => e.event.data.kind === 'IMPORT');
  const mrn = exported.event.data.mrn;
  const own = exported.event.data.country;
  const other = otherCountry(own);
  const body12 = mrn.slice(4, 16);
  const wrongCheck = String((Number(mrn[17]) + 1) % 10);
  const procedureA = `${mrn.slice(0, 16)}A${mrn[17]}`;

  it('given short, misshapen, wrongly checked and foreign MRNs, then each says what is wrong', () => {
    const result = runCheck(
      new MrnCheck(DEFAULT_CHECK_OPTIONS),
      exchangedAll([
        withData(exported, { mrn: mrn.slice(0, 17) }),
        withData(exported, { mrn: procedureA }),
        withData(exported, { mrn: mrn.slice(0, 17) + wrongCheck }),
        withData(exported, { mrn: makeMrn(mrn.slice(0, 2), other, body12, 'J') }),
        withData(imported, {
          mrn: makeMrn(mrn.slice(0, 2), imported.event.data.country, body12, 'K'),
        }),
        // A transit MRN may come from a third country's office of departure.
        withData(exported, { kind: 'TRANSIT', mrn: makeMrn('24', 'RO', body12, 'L') }),
        exported,
        imported,
        firstOf(events, 'DeclarationHeartbeat'),
      ]),
    );
    expect(result.checked).toBe(8);
    expect(result.violations).toBe(5);
    const otherMrn = makeMrn(mrn.slice(0, 2), other, body12, 'J');
    const importOwn = makeMrn(mrn.slice(0, 2), imported.event.data.country, body12, 'K');
    expect(result.samples.map((s) => [s.position, s.reason])).toEqual([
      ['record 1', `mrn '${mrn.slice(0, 17)}' has 17 characters, not 18`],
      [
        'record 2',
        `mrn '${procedureA}' is not in the MRN format (2-digit year, 2-letter country, 12 capitals or digits, procedure letter J–M, check character)`,
      ],
      [
        'record 3',
        `mrn '${mrn.slice(0, 17)}${wrongCheck}' ends in check character ${wrongCheck}, ISO 6346 gives ${mrnCheckCharacter(mrn.slice(0, 17))}`,
      ],
      [
        'record 4',
        `mrn '${otherMrn}' has country code ${other}, but an EXPORT declaration of ${own} carries an MRN of ${own}, the declaring country`,
      ],
      [
        'record 5',
        `mrn '${importOwn}' has country code ${imported.event.data.country}, but an IMPORT declaration of ${imported.event.data.country} carries an MRN of ${otherCountry(imported.event.data.country)}, the exporting country, whose MRN it carries`,
      ],
    ]);
  });
});
