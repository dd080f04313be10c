// The conformance checks keep their own copies of the plate alphabet and the time floor for now
// (the domain's plate alphabet is newer); this spec holds each pair together until they share one.
import { plateProblems } from '../../../conformance/src/checks/fields/plate-characters.check';
import { TIMES } from '../../../conformance/src/checks/fields/times.check';
import { FieldChecker } from './field-checks';
import { EARLIEST_TIME_MS } from './time-field';

/** What the intake accepts, the partner's conformance check (docs/technical-conditions.md) passes. */
describe('the intake agrees with the technical conditions', () => {
  const intakeAccepts = (plate: string): boolean => {
    const checker = new FieldChecker({ plate });
    return checker.plate('plate') !== undefined;
  };

  it('TC-FIELD-2: for every BMP code point and a sample of astral ones, a plate the intake accepts passes', () => {
    const astral = [0x1f697, 0x1f600, 0x10000, 0x1d400, 0xe0041, 0x10ffff];
    const codePoints = [...Array.from({ length: 0x10000 }, (_, i) => i), ...astral];
    const disagreements = codePoints.filter((cp) => {
      const plate = `AB${String.fromCodePoint(cp)}12`;
      return intakeAccepts(plate) !== (plateProblems('plateText', plate).length === 0);
    });
    expect(disagreements.map((cp) => `U+${cp.toString(16).toUpperCase()}`)).toEqual([]);
  }, 30_000);

  it('TC-FIELD-2: plates of separators only are refused by both', () => {
    expect(intakeAccepts(' - ')).toBe(false);
    expect(plateProblems('plateText', ' - ')).not.toEqual([]);
  });

  it('TC-FIELD-5: the intake floor is the conformance floor', () => {
    expect(new Date(EARLIEST_TIME_MS).toISOString()).toBe(TIMES.parameters['earliest']);
  });
});
