import { type VehicleCategory } from '@uamd/domain';
import { borderLocalTime } from './local-time';

/** Scales a list of relative weights so that their mean is 1: a profile shapes, it never adds volume. */
function meanOne(weights: readonly number[]): readonly number[] {
  const mean = weights.reduce((s, w) => s + w, 0) / weights.length;
  return weights.map((w) => w / mean);
}

// Relative arrivals per local hour 00–23 (docs/domain.md "Crossing points"; shapes are estimates).
// Cars: a deep night trough, a morning peak (08–11) and an afternoon peak (15–18).
const CAR_HOURS = meanOne([
  0.25, 0.15, 0.1, 0.1, 0.15, 0.35, 0.7, 1.2, 1.6, 1.75, 1.7, 1.55, 1.45, 1.4, 1.5, 1.65, 1.7, 1.6,
  1.4, 1.15, 0.9, 0.7, 0.5, 0.35,
]);
// Coaches run to timetables, overnight ones included: flatter than cars.
const BUS_HOURS = meanOne([
  0.6, 0.5, 0.4, 0.4, 0.5, 0.7, 1, 1.2, 1.3, 1.3, 1.2, 1.1, 1.1, 1.1, 1.2, 1.3, 1.3, 1.3, 1.2, 1.1,
  1, 0.9, 0.8, 0.7,
]);
// Lorries queue through the night and crowd the daytime hours less sharply than cars.
const TRUCK_HOURS = meanOne([
  0.55, 0.5, 0.45, 0.45, 0.5, 0.65, 0.85, 1.1, 1.25, 1.3, 1.3, 1.3, 1.25, 1.25, 1.25, 1.25, 1.2,
  1.15, 1.05, 0.95, 0.85, 0.75, 0.65, 0.6,
]);

// Relative volume per day of the week, Monday first: private travel peaks Friday to Sunday,
// freight thins out at the weekend.
const CAR_DAYS = meanOne([0.9, 0.85, 0.85, 0.9, 1.15, 1.15, 1.2]);
const BUS_DAYS = meanOne([0.95, 0.9, 0.9, 0.95, 1.1, 1.05, 1.15]);
const TRUCK_DAYS = meanOne([1.1, 1.15, 1.15, 1.15, 1.1, 0.8, 0.55]);

const PROFILES: Readonly<
  Record<VehicleCategory, { hours: readonly number[]; days: readonly number[] }>
> = {
  CAR: { hours: CAR_HOURS, days: CAR_DAYS },
  VAN: { hours: CAR_HOURS, days: CAR_DAYS },
  BUS: { hours: BUS_HOURS, days: BUS_DAYS },
  TRUCK: { hours: TRUCK_HOURS, days: TRUCK_DAYS },
  MOTORCYCLE: { hours: CAR_HOURS, days: CAR_DAYS },
  UNKNOWN: { hours: CAR_HOURS, days: CAR_DAYS },
};

/**
 * How busy the hour around t is for a category, relative to the weekly mean: the hourly profile
 * times the day-of-week factor, both in border local time. Averages to 1 over a week, so a
 * post's registry `vehiclesPerDay` stays its mean daily volume.
 */
export function hourlyFactor(category: VehicleCategory, t: number): number {
  const { hour, weekday } = borderLocalTime(t);
  const profile = PROFILES[category];
  return profile.hours[hour]! * profile.days[weekday]!;
}
