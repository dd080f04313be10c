import fc from 'fast-check';
import { checkMrn, makeMrn, mrnCheckCharacter } from './mrn';

describe('MRN check character (ISO 6346)', () => {
  it('given a known container-style example, computes the published check digit', () => {
    // ISO 6346 reference example: CSQU305438 has check digit 3.
    expect(mrnCheckCharacter('CSQU305438')).toBe('3');
  });

  it('accepts an MRN built by makeMrn and rejects it with one character changed', () => {
    const mrn = makeMrn('24', 'UA', '500000AB1234', 'J');
    expect(mrn).toHaveLength(18);
    expect(checkMrn(mrn)).toBeNull();
    const wrongCheck = mrn.slice(0, 17) + String((Number(mrn[17]) + 1) % 10);
    expect(checkMrn(wrongCheck)).toBe('CHECK_CHARACTER');
  });

  it('rejects malformed MRNs as FORMAT', () => {
    expect(checkMrn('')).toBe('FORMAT');
    expect(checkMrn('24UA500000AB1234A0')).toBe('FORMAT');
    expect(checkMrn('24ua500000AB1234J0')).toBe('FORMAT');
  });

  it('property: every generated MRN is valid and any other check character is rejected', () => {
    const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
    fc.assert(
      fc.property(
        fc.array(alnum, { minLength: 12, maxLength: 12 }),
        fc.constantFrom<'J' | 'K' | 'L' | 'M'>('J', 'K', 'L', 'M'),
        fc.nat(9),
        (body, proc, digit) => {
          const mrn = makeMrn('25', 'MD', body.join(''), proc);
          expect(checkMrn(mrn)).toBeNull();
          fc.pre(String(digit) !== mrn[17]);
          expect(checkMrn(mrn.slice(0, 17) + String(digit))).toBe('CHECK_CHARACTER');
        },
      ),
    );
  });
});
