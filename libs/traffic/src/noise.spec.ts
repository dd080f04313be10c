import fc from 'fast-check';
import { COUNTRIES, normalisePlate, type PlateRead } from '@uamd/domain';
import { DISCREPANCY_REASONS } from './declaration-variants';
import { MAX_NOISE_RATE, NO_NOISE, TARGET_NOISE, withNoiseScale } from './noise';
import { measureNoise } from './noise-figures';
import { observeSide } from './observe';
import { scenarioByName, type Scenario } from './scenarios';
import { generateWorld } from './traffic-generator';
import { truthOf } from './truth';
import { type Trip, type World } from './world';

const weekday = scenarioByName('weekday');
const readsOf = (world: World): PlateRead[] =>
  COUNTRIES.flatMap((c) =>
    observeSide(world, c).flatMap((o) => (o.event.type === 'PlateRead' ? [o.event.data] : [])),
  );

describe('withNoiseScale', () => {
  it('given 0, removes all camera and feed noise and the Cyrillic reads, but keeps what declarants do', () => {
    const none = withNoiseScale(weekday, 0);
    expect(none.noise).toEqual({ ...NO_NOISE, declarations: TARGET_NOISE.declarations });
    expect(none.cyrillicShareUa).toBe(0);
  });

  it('given 2, doubles rates, the skew bound and the Cyrillic share, leaving shares and delays as defined', () => {
    const double = withNoiseScale(weekday, 2);
    expect(double.noise).toMatchObject({
      misreadRate: { UA: 0.06, MD: 0.06 },
      dropInsertRate: 0.02,
      missedCaptureRate: 0.02,
      maxClockSkewMs: 6 * 60_000,
      nationalityMissingRate: 0.2,
      inClassShare: 0.85,
      lateDelayMinutes: [1, 8],
      declarations: TARGET_NOISE.declarations,
    });
    expect(double.cyrillicShareUa).toBeCloseTo(0.6);
    expect(withNoiseScale(weekday, 1)).toEqual(weekday);
  });

  it('caps every scaled rate, and refuses a negative factor', () => {
    const wild = withNoiseScale(weekday, 100);
    expect(wild.noise.nationalityMissingRate).toBe(MAX_NOISE_RATE);
    expect(wild.noise.misreadRate.UA).toBe(MAX_NOISE_RATE);
    expect(wild.cyrillicShareUa).toBe(1);
    expect(() => withNoiseScale(weekday, -1)).toThrow(/noise factor/);
  });

  it('leaves the tiny scenario without noise', () => {
    expect(scenarioByName('tiny').noise).toEqual(NO_NOISE);
  });
});

describe('a noisy world', () => {
  const world = generateWorld(weekday, 42);
  const truth = truthOf(world);

  it('given the same scenario and seed, observes deep-equal events on both sides', () => {
    const again = generateWorld(weekday, 42);
    for (const c of COUNTRIES) expect(observeSide(again, c)).toEqual(observeSide(world, c));
  });

  it('given noise 0, reads every plate exactly (after normalisation)', () => {
    const clean = generateWorld(withNoiseScale(weekday, 0), 42);
    const plateOf = new Map(
      truthOf(clean).flatMap((t) =>
        [...t.exitEventIds, ...t.entryEventIds].map((id) => [id, t.plate]),
      ),
    );
    const reads = readsOf(clean);
    expect(reads.length).toBeGreaterThan(3000);
    for (const r of reads) expect(normalisePlate(r.plateText)).toBe(plateOf.get(r.eventId));
  });

  it('has the target noise: 3% of characters misread, ~85% in class, 1% missed, ~0.8% duplicates, 1% late', () => {
    const f = measureNoise(world);
    expect(f.characters).toBeGreaterThan(25_000);
    expect(f.misreadShare).toBeGreaterThan(0.026);
    expect(f.misreadShare).toBeLessThan(0.034);
    expect(f.inClassShare).toBeGreaterThan(0.8);
    expect(f.inClassShare).toBeLessThan(0.9);
    expect(f.lengthChangedShare).toBeGreaterThan(0.005);
    expect(f.lengthChangedShare).toBeLessThan(0.015);
    expect(f.missedShare).toBeGreaterThan(0.006);
    expect(f.missedShare).toBeLessThan(0.014);
    expect(f.duplicateShare).toBeGreaterThan(0.004);
    expect(f.duplicateShare).toBeLessThan(0.013);
    expect(f.lateShare).toBeGreaterThan(0.006);
    expect(f.lateShare).toBeLessThan(0.014);
    expect(f.categoryWrongShare).toBeGreaterThan(0.012);
    expect(f.categoryWrongShare).toBeLessThan(0.028);
    expect(f.nationalityMissingShare).toBeGreaterThan(0.085);
    expect(f.nationalityMissingShare).toBeLessThan(0.115);
    expect(f.cyrillicShareUa).toBeGreaterThan(0.25);
    expect(f.cyrillicShareUa).toBeLessThan(0.35);
  });

  it('keeps every camera clock within ±maxClockSkewMs/2 (seeds replayable)', () => {
    const small: Scenario = { ...weekday, durationMinutes: 10 };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.double({ min: 0, max: 4, noNaN: true }),
        (seed, factor) => {
          const scaled = withNoiseScale(small, factor);
          const half = scaled.noise.maxClockSkewMs / 2;
          const w = generateWorld(scaled, seed);
          const offsets = Object.values(w.clockOffsets);
          expect(offsets).toHaveLength(24);
          for (const o of offsets) expect(Math.abs(o)).toBeLessThanOrEqual(half);
          for (const trip of w.trips)
            for (const r of [trip.exit, trip.entry].flatMap((p) => p?.reads ?? []))
              expect(r.captureTime - r.trueTime).toBe(w.clockOffsets[r.cameraId]);
        },
      ),
      { numRuns: 25 },
    );
    const spread = measureNoise(world).clockSpreadMs;
    expect(spread).toBeGreaterThan(60_000);
    expect(spread).toBeLessThanOrEqual(3 * 60_000);
  });

  it('lists in the truth exactly the ids of the observed reads, each in one trip, primary first', () => {
    const truthIds = truth.flatMap((t) => [...t.exitEventIds, ...t.entryEventIds]);
    const observed = readsOf(world).map((r) => r.eventId);
    expect(new Set(truthIds).size).toBe(truthIds.length);
    expect([...truthIds].sort()).toEqual([...observed].sort());
    const firstKinds = new Set(
      world.trips.flatMap((t) => [t.exit, t.entry].flatMap((p) => p?.reads[0]?.kind ?? [])),
    );
    expect([...firstKinds]).toEqual(['primary']);
    expect(truth.some((t) => t.exitEventIds.length === 0)).toBe(true);
    expect(truth.some((t) => t.exitEventIds.length > 1 || t.entryEventIds.length > 1)).toBe(true);
  });

  describe('declaration discrepancies', () => {
    // Five weekdays' worth of trucks, so 2% is a count worth testing.
    const busy = generateWorld({ ...weekday, volumeFactor: 5 }, 7);
    const trucks = busy.trips.filter((t) => t.declarations !== null);
    const totalMass = (goods: ReadonlyArray<{ grossMassKg: number }>) =>
      goods.reduce((sum, g) => sum + g.grossMassKg, 0);

    it('injects each reason into about 2% of declared trucks', () => {
      expect(trucks.length).toBeGreaterThan(2500);
      const shares = measureNoise(busy).discrepancyShare;
      for (const reason of DISCREPANCY_REASONS) {
        expect(shares[reason]).toBeGreaterThan(0.012);
        expect(shares[reason]).toBeLessThan(0.028);
      }
    });

    /** What is wrong with one truck's paperwork against what was injected into it. */
    function paperworkProblems(trip: Trip): string[] {
      const d = trip.declarations!;
      const injected = new Set(d.injected);
      const problems: string[] = [];
      const check = (ok: boolean, what: string) => {
        if (!ok) problems.push(`${d.mrn} [${d.injected.join(',')}]: ${what}`);
      };
      check(!injected.has('GOODS_NOT_DECLARED_ON_ENTRY') || d.import === null, 'import lodged');
      const imp = d.import;
      if (!imp) return problems;
      const exp = d.export;
      const massOff = Math.abs(totalMass(imp.goods) / totalMass(exp.goods) - 1);
      check(
        injected.has('GROSS_MASS_MISMATCH') ? massOff > 0.095 && massOff < 0.41 : massOff < 0.01,
        `gross mass off by ${massOff}`,
      );
      const headingsDiffer = imp.goods.some(
        (g, i) => g.hsCode.slice(0, 4) !== exp.goods[i]!.hsCode.slice(0, 4),
      );
      check(headingsDiffer === injected.has('HS_CODE_MISMATCH'), 'HS headings');
      check(
        injected.has('HS_CODE_MISMATCH') ||
          imp.goods.every((g, i) => g.hsCode.slice(0, 6) === exp.goods[i]!.hsCode),
        'HS codes differ beyond a national extension',
      );
      check(
        (normalisePlate(imp.tractorPlate) !== normalisePlate(trip.plate)) ===
          injected.has('PLATE_MISMATCH'),
        `declared plate ${imp.tractorPlate} for ${trip.plate}`,
      );
      const late = imp.lodgedAt - (trip.plannedEntryTime ?? imp.lodgedAt);
      check(
        !injected.has('DECLARED_AFTER_CROSSING') ||
          trip.plannedEntryTime === null ||
          (late >= 5 * 60_000 && late <= 60 * 60_000),
        `lodged ${late} ms after the entry`,
      );
      return problems;
    }

    it('makes the injected differences real and the legitimate ones small', () => {
      expect(trucks.flatMap(paperworkProblems)).toEqual([]);
      const typedCyrillic = trucks.filter((t) =>
        /[\u0400-\u04FF]/.test(t.declarations!.export.tractorPlate),
      );
      expect(typedCyrillic.length).toBeGreaterThan(0);
      expect(
        trucks.some((t) => t.declarations!.import?.goods.some((g) => g.hsCode.length === 10)),
      ).toBe(true);
    });
  });
});
