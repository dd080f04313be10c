import fc from 'fast-check';
import { normalisePlate } from '../plates/plate-normaliser';
import { newPendingRead, type PendingRead } from './partition-state';
import { anprPlateMatcher, exactPlateMatcher } from './plate.matcher';

const matcher = anprPlateMatcher();

function read(plateText: string, overrides: Partial<PendingRead> = {}): PendingRead {
  return newPendingRead({
    eventId: `r-${plateText}-${Math.random()}`,
    country: 'UA',
    crossingPoint: 'mohyliv-podilskyi-otaci',
    direction: 'EXIT',
    plate: normalisePlate(plateText),
    plateText,
    captureTime: 0,
    category: 'TRUCK',
    cameraId: 'cam',
    nationality: null,
    confidence: 0.95,
    lastInputAt: 0,
    ...overrides,
  });
}
const entry = (plateText: string, overrides: Partial<PendingRead> = {}) =>
  read(plateText, { country: 'MD', direction: 'ENTRY', ...overrides });

const UA = 'ABEIKMHOPCTX';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const uaPlate = fc
  .tuple(
    fc.array(fc.constantFrom(...UA), { minLength: 2, maxLength: 2 }),
    fc.array(fc.constantFrom(...'0123456789'), { minLength: 4, maxLength: 4 }),
    fc.array(fc.constantFrom(...UA), { minLength: 2, maxLength: 2 }),
  )
  .map(([a, d, b]) => [...a, ...d, ...b].join(''));
/** One edit anywhere: a substitution by any character, or a dropped character. */
const edit = fc.record({
  at: fc.nat(7),
  kind: fc.constantFrom('substitute', 'drop'),
  by: fc.constantFrom(...ALNUM),
});
function apply(plate: string, e: { at: number; kind: string; by: string }): string {
  return e.kind === 'drop'
    ? plate.slice(0, e.at) + plate.slice(e.at + 1)
    : plate.slice(0, e.at) + e.by + plate.slice(e.at + 1);
}

describe('anprPlateMatcher', () => {
  it('property: a UA plate with one arbitrary misread on each side, or one dropped character, shares a blocking key and is plausible at low confidence', () => {
    fc.assert(
      fc.property(uaPlate, edit, edit, (plate, ea, eb) => {
        const [textA, textB] =
          ea.kind === 'drop'
            ? [apply(plate, ea), plate]
            : [apply(plate, ea), apply(plate, { ...eb, kind: 'substitute' })];
        const a = read(textA, { confidence: 0.6 });
        const b = entry(textB, { confidence: 0.6 });
        const shared = matcher.keysOf(a).filter((k) => matcher.keysOf(b).includes(k));
        expect(shared.length).toBeGreaterThan(0);
        expect(matcher.pairCost(a, b)).toBeLessThan(Infinity);
      }),
    );
  });

  it('never blocks reads of different posts or directions of travel together', () => {
    const a = read('AA1234BC');
    const otherPost = entry('AA1234BC', { crossingPoint: 'mamalyha-criva' });
    const otherWay = read('AA1234BC', { country: 'MD' });
    for (const other of [otherPost, otherWay])
      expect(matcher.keysOf(a).some((k) => matcher.keysOf(other).includes(k))).toBe(false);
  });

  it('accepts typical confusions at full confidence, refuses two unrelated edits from confident cameras', () => {
    expect(matcher.pairCost(read('AA1234BC'), entry('AA1Z34 8C'.replace(' ', '')))).toBeCloseTo(
      0.6,
    );
    expect(matcher.pairCost(read('AA1234BC'), entry('AA1734XC'))).toBe(Infinity);
    expect(matcher.pairCost(read('AA1234BC'), entry('KX9876MT', { confidence: 0.5 }))).toBe(
      Infinity,
    );
  });

  it('adds the price of a nationality or category disagreement', () => {
    const base = matcher.pairCost(read('AA1234BC'), entry('AA1234BC'));
    expect(base).toBe(0);
    expect(
      matcher.pairCost(
        read('AA1234BC', { nationality: 'UA' }),
        entry('AA1234BC', { nationality: 'BG' }),
      ),
    ).toBeCloseTo(0.5);
    expect(
      matcher.pairCost(
        read('AA1234BC', { category: 'TRUCK' }),
        entry('AA1234BC', { category: 'BUS' }),
      ),
    ).toBeCloseTo(0.4);
    expect(
      matcher.pairCost(
        read('AA1234BC', { category: 'CAR' }),
        entry('AA1234BC', { category: 'TRUCK' }),
      ),
    ).toBeCloseTo(1);
    expect(
      matcher.pairCost(
        read('AA1234BC', { category: 'CAR' }),
        entry('AA1234BC', { category: 'UNKNOWN' }),
      ),
    ).toBe(0);
  });

  it('the exact baseline pairs only equal normalised plates', () => {
    expect(exactPlateMatcher.pairCost(read('АА 1234 ВС'), entry('aa-1234-bc'))).toBe(0);
    expect(exactPlateMatcher.pairCost(read('AA1234BC'), entry('AA1234 8C'.replace(' ', '')))).toBe(
      Infinity,
    );
  });
});
