import fc from 'fast-check';
import { CONFUSION_CLASSES, confusablesOf, foldConfusions } from '../plates/anpr-confusions';
import { DEFAULT_EDIT_COSTS, plateDistance } from './plate-similarity';

const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
const plate = fc.array(alnum, { minLength: 5, maxLength: 9 }).map((cs) => cs.join(''));

describe('plateDistance: weighted edit distance with ANPR confusion prices', () => {
  it('prices a typical confusion below any other substitution, and a drop in between', () => {
    expect(plateDistance('AA1234BC', 'AA1234BC')).toBe(0);
    expect(plateDistance('AA1234BC', 'AA1234 8C'.replace(' ', ''))).toBe(
      DEFAULT_EDIT_COSTS.confusable,
    );
    expect(plateDistance('AA1234BC', 'AA1234XC')).toBe(DEFAULT_EDIT_COSTS.other);
    expect(plateDistance('AA1234BC', 'AA124BC')).toBe(DEFAULT_EDIT_COSTS.indel);
    // One misread on each side: 0/O on one camera, 8/B on the other.
    expect(plateDistance('OA1234BC', 'AA1234 8C'.replace(' ', ''))).toBeCloseTo(1.3);
  });

  it('gives up with Infinity once every path exceeds the limit', () => {
    expect(plateDistance('AA1234BC', 'KX9876MT', 2)).toBe(Infinity);
    expect(plateDistance('AA1234BC', 'AA1234XC', 0.5)).toBe(Infinity);
    expect(plateDistance('AA1234BC', 'AA1234XC', 1)).toBe(1);
  });

  it('property: symmetric, zero only for equal plates, and within-class edits never cost more than their count times the class price', () => {
    fc.assert(
      fc.property(plate, plate, (a, b) => {
        const d = plateDistance(a, b);
        expect(plateDistance(b, a)).toBeCloseTo(d, 10);
        expect(d === 0).toBe(a === b);
      }),
    );
    fc.assert(
      fc.property(plate, fc.array(fc.nat(), { maxLength: 3 }), (text, positions) => {
        const chars = [...text];
        let edits = 0;
        for (const p of positions) {
          const i = p % chars.length;
          const alt = confusablesOf(chars[i]!);
          if (alt && chars[i] === text[i]) {
            chars[i] = alt[0]!;
            edits += 1;
          }
        }
        const misread = chars.join('');
        expect(foldConfusions(misread)).toBe(foldConfusions(text));
        expect(plateDistance(text, misread)).toBeLessThanOrEqual(
          edits * DEFAULT_EDIT_COSTS.confusable + 1e-9,
        );
      }),
    );
  });

  it('has disjoint confusion classes', () => {
    const all = CONFUSION_CLASSES.join('');
    expect(new Set(all).size).toBe(all.length);
  });
});
