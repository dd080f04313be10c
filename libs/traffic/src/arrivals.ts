import { crossingPoint, type CrossingPoint, type VehicleCategory } from '@uamd/domain';
import { type IncidentEffects } from './incidents';
import { nextHour } from './local-time';
import { postTraffic } from './post-traffic';
import { type Rng } from './prng';
import { hourlyFactor } from './traffic-profiles';

const DAY = 86_400_000;

/** A vehicle reaching a post's exit camera. */
export interface Arrival {
  point: CrossingPoint;
  /** True time, ms (fractional: only the trip rounds it). */
  time: number;
  category: VehicleCategory;
  /** Registry id of the closed post the vehicle would have used, else null. */
  divertedFrom: string | null;
}

/** What sets a post's arrival rates; `scenario` fields, resolved. */
export interface ArrivalSettings {
  end: number;
  volumeFactor: number;
  categoryFactors: Readonly<Partial<Record<VehicleCategory, number>>>;
  /** The posts with traffic: diversions only go to these. */
  postIds: readonly string[];
  effects: IncidentEffects;
}

interface Component {
  category: VehicleCategory;
  divertedFrom: string | null;
  /** Arrivals per ms. */
  rate: number;
}

/** A post's own traffic at t by category, per ms, with nothing closed. */
function ownRates(point: CrossingPoint, t: number, s: ArrivalSettings): Component[] {
  return postTraffic(point.id).categoryMix.map(([category, share]) => ({
    category,
    divertedFrom: null,
    rate:
      (point.vehiclesPerDay *
        share *
        s.volumeFactor *
        (s.categoryFactors[category] ?? 1) *
        hourlyFactor(category, t)) /
      DAY,
  }));
}

/** Every stream of vehicles arriving at the post at t: its own unless closed, plus traffic diverted to it. */
function componentsAt(point: CrossingPoint, t: number, s: ArrivalSettings): Component[] {
  const out = s.effects.closureAt(point.id, t) ? [] : ownRates(point, t, s);
  for (const id of s.postIds) {
    if (id === point.id) continue;
    const closure = s.effects.closureAt(id, t);
    const share = closure?.divertTo[point.id] ?? 0;
    if (share <= 0) continue;
    for (const c of ownRates(crossingPoint(id), t, s))
      out.push({ category: c.category, divertedFrom: id, rate: c.rate * share });
  }
  return out;
}

/**
 * A post's arrivals from `start`: a Poisson process whose rate is constant within each hour
 * (hourly profile, day of week, closures) and restarts at every change, which the memoryless
 * gaps allow. The post's own random stream draws the gaps and, between them, its trips: one
 * post's traffic never depends on another's.
 */
export class PostArrivals {
  private t: number;
  private segmentEnd = -Infinity;
  private components: Component[] = [];
  private total = 0;
  private readonly changes: number[];

  constructor(
    readonly point: CrossingPoint,
    readonly rng: Rng,
    start: number,
    private readonly s: ArrivalSettings,
  ) {
    this.t = start;
    this.changes = s.effects.rateChanges().sort((a, b) => a - b);
  }

  /** The next arrival, or null once past the scenario end. */
  next(): Arrival | null {
    for (;;) {
      if (this.t >= this.segmentEnd) this.enterSegment();
      if (this.t >= this.s.end) return null;
      if (this.total <= 0) {
        this.t = this.segmentEnd;
        continue;
      }
      const at = this.t + this.rng.exponential(this.total);
      if (at >= this.segmentEnd) {
        this.t = this.segmentEnd;
        continue;
      }
      this.t = at;
      if (at >= this.s.end) return null;
      const c = this.rng.weighted(this.components.map((x) => [x, x.rate] as const));
      return { point: this.point, time: at, category: c.category, divertedFrom: c.divertedFrom };
    }
  }

  private enterSegment(): void {
    let end = Math.min(nextHour(this.t), this.s.end);
    for (const c of this.changes) if (c > this.t && c < end) end = c;
    this.segmentEnd = end;
    this.components = componentsAt(this.point, this.t, this.s);
    this.total = this.components.reduce((sum, c) => sum + c.rate, 0);
  }
}
