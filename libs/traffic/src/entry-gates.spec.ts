import { EntryGates } from './entry-gates';
import { IncidentEffects } from './incidents';
import { postTraffic } from './post-traffic';

const HOUR = 3_600_000;
const POST = 'mamalyha-criva';
const t0 = Date.UTC(2024, 8, 3, 6);
const car = (readyAt: number) =>
  ({ crossingPointId: POST, entryCountry: 'MD', category: 'CAR', readyAt }) as const;

describe('EntryGates', () => {
  const headway = HOUR / postTraffic(POST).entryCapacityPerHour.light;

  it('given vehicles slower than the capacity, lets each through as it comes', () => {
    const gates = new EntryGates(new IncidentEffects());
    const spaced = [0, 1, 2].map((i) => t0 + Math.ceil(i * 2 * headway));
    expect(spaced.map((t) => gates.pass(car(t)))).toEqual(spaced);
  });

  it('given more vehicles than the capacity, queues them one headway apart, the wait growing', () => {
    const gates = new EntryGates(new IncidentEffects());
    const waits = Array.from({ length: 10 }, () => gates.pass(car(t0)) - t0);
    for (let i = 1; i < waits.length; i++)
      expect(waits[i]! - waits[i - 1]!).toBeCloseTo(headway, -1);
    // Lorries use their own lane: not held behind the cars.
    expect(gates.pass({ ...car(t0), category: 'TRUCK' })).toBe(t0);
  });

  it('given a blockade of entries into that country, holds everyone until it ends, then releases at capacity', () => {
    const blockade = {
      kind: 'blockade' as const,
      crossingPoint: POST,
      entryCountry: 'MD' as const,
      from: t0,
      to: t0 + 3 * HOUR,
    };
    const gates = new EntryGates(new IncidentEffects([blockade]));
    const passed = [0, 1, 2].map((h) => gates.pass(car(t0 + h * HOUR)));
    expect(passed[0]).toBe(blockade.to);
    expect(passed[2]! - passed[0]!).toBeLessThanOrEqual(2 * headway + 2);
    expect(gates.pass({ ...car(t0), entryCountry: 'UA' })).toBe(t0);
  });
});
