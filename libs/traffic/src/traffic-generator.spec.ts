import { checkMrn, CROSSING_POINTS, normalisePlate } from '@uamd/domain';
import { borderLocalTime } from './local-time';
import { NO_NOISE } from './noise';
import { PLATE_FORMATS } from './plates';
import { postTraffic } from './post-traffic';
import { hourlyFactor } from './traffic-profiles';
import { scenarioByName, scenarioEnd, type Scenario } from './scenarios';
import { generateWorld } from './traffic-generator';
import { type Trip } from './world';

const tiny = scenarioByName('tiny');
const weekday = scenarioByName('weekday');

describe('generateWorld', () => {
  it('given the same scenario and seed, produces a deep-equal world', () => {
    expect(generateWorld(tiny, 7)).toEqual(generateWorld(tiny, 7));
  });

  it('given different seeds, produces different trips', () => {
    const a = generateWorld(tiny, 1).trips.map((t) => t.plate);
    const b = generateWorld(tiny, 2).trips.map((t) => t.plate);
    expect(a).not.toEqual(b);
  });

  describe('over the 24 h weekday scenario', () => {
    const world = generateWorld(weekday, 42);

    it('generates each post within ±15% of its registry daily volume', () => {
      for (const point of CROSSING_POINTS) {
        const count = world.trips.filter((t) => t.crossingPoint === point.id).length;
        expect(Math.abs(count - point.vehiclesPerDay) / point.vehiclesPerDay).toBeLessThan(0.15);
      }
    });

    it('registers every vehicle with a plate in its country format, one vehicle per plate', () => {
      for (const trip of world.trips) expect(trip.plate).toMatch(PLATE_FORMATS[trip.nationality]);
      const plates = new Set(world.trips.map((t) => normalisePlate(t.plate)));
      expect(plates.size).toBe(world.trips.length);
      const nationalities = new Set(world.trips.map((t) => t.nationality));
      expect([...nationalities].sort()).toEqual(['BG', 'MD', 'PL', 'RO', 'TR', 'UA']);
    });

    it('keeps every transit inside the post window and every capture inside the scenario', () => {
      const end = scenarioEnd(weekday);
      for (const trip of world.trips) {
        const window = CROSSING_POINTS.find((p) => p.id === trip.crossingPoint)!.transit[
          trip.exitCountry
        ];
        expect(trip.exit.time).toBeGreaterThanOrEqual(weekday.start);
        expect(trip.exit.time).toBeLessThan(end);
        if (trip.plannedEntryTime === null) continue;
        const transit = trip.plannedEntryTime - trip.exit.time;
        expect(transit).toBeGreaterThanOrEqual(window.minMinutes * 60_000);
        expect(transit).toBeLessThan(window.maxMinutes * 60_000);
        expect(trip.entry === null).toBe(trip.plannedEntryTime > end);
      }
    });

    it('declares trucks only, with a valid MRN, export lodged 10–120 min before exit and import at least 5 min before entry unless declared late on purpose', () => {
      for (const trip of world.trips) {
        const decl = trip.declarations;
        expect(decl !== null).toBe(trip.category === 'TRUCK');
        if (!decl) continue;
        expect(checkMrn(decl.mrn)).toBeNull();
        expect(decl.mrn.slice(0, 4)).toBe(`24${trip.exitCountry}`);
        const lead = trip.exit.time - decl.export.lodgedAt;
        expect(lead).toBeGreaterThanOrEqual(10 * 60_000);
        expect(lead).toBeLessThanOrEqual(120 * 60_000);
        expect(decl.export.releasedAt!).toBeLessThan(trip.exit.time);
        expect(decl.export.releasedAt!).toBeGreaterThanOrEqual(decl.export.lodgedAt);
        // Late on purpose only when injected (checked with the other discrepancies).
        const importLead = (trip.entry?.time ?? Infinity) - (decl.import?.lodgedAt ?? -Infinity);
        const lateOnPurpose = decl.injected.includes('DECLARED_AFTER_CROSSING');
        expect(lateOnPurpose || importLead >= 5 * 60_000).toBe(true);
        expect(decl.export.goods.length).toBeGreaterThanOrEqual(1);
        expect(decl.export.goods.length).toBeLessThanOrEqual(3);
        for (const g of decl.export.goods) {
          expect(g.hsCode).toMatch(/^\d{6}$/);
          expect(g.grossMassKg).toBeGreaterThan(0);
          expect(['EUR', 'USD', 'UAH', 'MDL']).toContain(g.value.currency);
        }
      }
      const mrns = world.trips.flatMap((t) => (t.declarations ? [t.declarations.mrn] : []));
      expect(new Set(mrns).size).toBe(mrns.length);
    });

    it('carries declared plates as typed (either script, with or without spaces), never misread', () => {
      for (const trip of world.trips) {
        const decl = trip.declarations;
        if (!decl) continue;
        expect(normalisePlate(decl.export.tractorPlate)).toBe(normalisePlate(trip.plate));
        const imported =
          decl.import && !decl.injected.includes('PLATE_MISMATCH')
            ? decl.import.tractorPlate
            : trip.plate;
        expect(normalisePlate(imported)).toBe(normalisePlate(trip.plate));
      }
    });

    it('mixes categories per post as its profile says (weighted by the hour and the day), and no-shows as configured', () => {
      for (const point of CROSSING_POINTS) {
        const trips = world.trips.filter((t) => t.crossingPoint === point.id);
        const hours = Array.from({ length: 24 }, (_, h) => weekday.start + (h + 0.5) * 3_600_000);
        const weights = postTraffic(point.id).categoryMix.map(
          ([category, share]) =>
            [category, share * hours.reduce((s, t) => s + hourlyFactor(category, t), 0)] as const,
        );
        const total = weights.reduce((s, [, w]) => s + w, 0);
        for (const [category, w] of weights)
          expect(
            Math.abs(
              trips.filter((t) => t.category === category).length / trips.length - w / total,
            ),
          ).toBeLessThan(0.05);
      }
      const share = (pred: (t: (typeof world.trips)[number]) => boolean): number =>
        world.trips.filter(pred).length / world.trips.length;
      const truckShare = (id: string) =>
        world.trips.filter((t) => t.crossingPoint === id && t.category === 'TRUCK').length /
        world.trips.filter((t) => t.crossingPoint === id).length;
      expect(truckShare('mohyliv-podilskyi-otaci')).toBeGreaterThan(truckShare('mamalyha-criva'));
      expect(share((t) => t.exitCountry === 'UA')).toBeCloseTo(0.5, 1);
      expect(share((t) => t.noShow)).toBeLessThan(0.03);
      expect(world.trips.some((t) => t.noShow)).toBe(true);
    });
  });

  describe('volumes over the day and the week', () => {
    const localHour = (t: number) => borderLocalTime(t).hour;

    it('has a night trough below the morning peak at every post, lorries flatter than cars', () => {
      const world = generateWorld(weekday, 42);
      const count = (post: string, hours: number[], pred: (t: Trip) => boolean = () => true) =>
        world.trips.filter(
          (t) => t.crossingPoint === post && hours.includes(localHour(t.exit.time)) && pred(t),
        ).length;
      const night = [2, 3, 4];
      const peak = [8, 9, 10];
      for (const point of CROSSING_POINTS)
        expect(count(point.id, night)).toBeLessThan(count(point.id, peak) / 3);
      const all = CROSSING_POINTS.map((p) => p.id);
      const ratio = (pred: (t: Trip) => boolean) =>
        all.reduce((n, p) => n + count(p, night, pred), 0) /
        all.reduce((n, p) => n + count(p, peak, pred), 0);
      expect(ratio((t) => t.category === 'TRUCK')).toBeGreaterThan(
        2 * ratio((t) => t.category === 'CAR'),
      );
    });

    it("keeps each post's registry daily volume as its mean over a week", () => {
      const week: Scenario = {
        ...weekday,
        noise: NO_NOISE,
        start: Date.UTC(2024, 8, 1, 21),
        durationMinutes: 7 * 24 * 60,
      };
      const trips = generateWorld(week, 11).trips;
      for (const point of CROSSING_POINTS) {
        const perDay = trips.filter((t) => t.crossingPoint === point.id).length / 7;
        expect(Math.abs(perDay - point.vehiclesPerDay) / point.vehiclesPerDay).toBeLessThan(0.05);
      }
    });
  });

  it('given a volume factor of zero, generates no trips', () => {
    const quiet: Scenario = { ...tiny, volumeFactor: 0 };
    expect(generateWorld(quiet, 1).trips).toEqual([]);
  });

  it('given one post, generates traffic only there', () => {
    const onePost: Scenario = { ...tiny, crossingPoints: ['mamalyha-criva'], volumeFactor: 10 };
    const posts = new Set(generateWorld(onePost, 3).trips.map((t) => t.crossingPoint));
    expect([...posts]).toEqual(['mamalyha-criva']);
  });
});
