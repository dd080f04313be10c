import { type Country, type VehicleCategory } from '@uamd/domain';
import { type IncidentEffects } from './incidents';
import { laneClassOf, postTraffic, type LaneClass } from './post-traffic';

const HOUR = 3_600_000;

/** A vehicle reaching the entry control of a post, in the order the gate serves them. */
export interface GateArrival {
  crossingPointId: string;
  entryCountry: Country;
  category: VehicleCategory;
  /** True time the vehicle joins the line at the entry control. */
  readyAt: number;
}

/**
 * The entry controls of every post and side, one per lane class: each clears at most its
 * hourly capacity (one vehicle per headway), first come first served, and none while stopped by
 * a blockade or closure. When vehicles come faster than that a queue builds, and its wait is
 * added to their transit; a stop releases its queue at full capacity, a burst of entries.
 * Vehicles must be offered in order of `readyAt` (ties in trip order).
 */
export class EntryGates {
  private readonly nextFree = new Map<string, number>();

  constructor(
    private readonly effects: IncidentEffects,
    /** Multiplies every control's hourly capacity (`Scenario.entryCapacityFactor`). */
    private readonly capacityFactor = 1,
  ) {}

  /** True time the vehicle passes the entry camera. */
  pass(v: GateArrival): number {
    const lane: LaneClass = laneClassOf(v.category);
    const key = `${v.crossingPointId}|${v.entryCountry}|${lane}`;
    const headway =
      HOUR / (postTraffic(v.crossingPointId).entryCapacityPerHour[lane] * this.capacityFactor);
    const free = Math.max(v.readyAt, this.nextFree.get(key) ?? -Infinity);
    const at = Math.ceil(this.effects.entryGateOpenAt(v.crossingPointId, v.entryCountry, free));
    this.nextFree.set(key, at + headway);
    return at;
  }
}
