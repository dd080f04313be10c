import { type Country, type Direction } from '../events/input-events';

export interface PostSide {
  /** Name of the post on this side of the border. */
  name: string;
  /**
   * NCTS-style office reference (country code + 6 characters). The real codes of these
   * posts are not public: these are simulator codes and say so (`SIM`).
   */
  officeCode: string;
  lanes: readonly string[];
}

export interface TransitWindow {
  /** Shortest plausible time from exit capture to entry capture, minutes. */
  minMinutes: number;
  /** Longest plausible time (queues included), minutes. */
  maxMinutes: number;
}

export interface CrossingPoint {
  /** Stable id used as the Kafka key of every event at this pair of posts. */
  id: string;
  /** Position in the registry: the partition is `index % partitionCount` (docs/design.md §2). */
  index: number;
  sides: Readonly<Record<Country, PostSide>>;
  /** Transit window by direction of travel, keyed by the exit country. */
  transit: Readonly<Record<Country, TransitWindow>>;
  /** Estimated vehicles per day in both directions together (docs/domain.md, estimates). */
  vehiclesPerDay: number;
}

const lanes = ['L1', 'L2'] as const;

export const CROSSING_POINTS: readonly CrossingPoint[] = [
  {
    id: 'mamalyha-criva',
    index: 0,
    sides: {
      UA: { name: 'Mamalyha', officeCode: 'UASIM001', lanes },
      MD: { name: 'Criva', officeCode: 'MDSIM001', lanes },
    },
    transit: { UA: { minMinutes: 3, maxMinutes: 180 }, MD: { minMinutes: 3, maxMinutes: 180 } },
    vehiclesPerDay: 500,
  },
  {
    id: 'mohyliv-podilskyi-otaci',
    index: 1,
    sides: {
      UA: { name: 'Mohyliv-Podilskyi', officeCode: 'UASIM002', lanes },
      MD: { name: 'Otaci', officeCode: 'MDSIM002', lanes },
    },
    // The bridge over the Dniester: queues form on both banks.
    transit: { UA: { minMinutes: 4, maxMinutes: 240 }, MD: { minMinutes: 4, maxMinutes: 240 } },
    vehiclesPerDay: 1000,
  },
  {
    id: 'maiaki-udobne-palanca',
    index: 2,
    sides: {
      UA: { name: 'Maiaki-Udobne', officeCode: 'UASIM003', lanes },
      MD: { name: 'Palanca', officeCode: 'MDSIM003', lanes },
    },
    // Joint control point: both controls in one place, minutes apart.
    transit: { UA: { minMinutes: 1, maxMinutes: 120 }, MD: { minMinutes: 1, maxMinutes: 120 } },
    vehiclesPerDay: 700,
  },
];

const byId = new Map(CROSSING_POINTS.map((p) => [p.id, p]));

export function findCrossingPoint(id: string): CrossingPoint | undefined {
  return byId.get(id);
}

export function crossingPoint(id: string): CrossingPoint {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown crossing point '${id}'`);
  return found;
}

/** The same function on every producer, so both sides of a post share a partition number. */
export function partitionFor(crossingPointId: string, partitionCount: number): number {
  return crossingPoint(crossingPointId).index % partitionCount;
}

export function otherCountry(country: Country): Country {
  return country === 'UA' ? 'MD' : 'UA';
}

/** Camera ids are `<country>-<post index>-<direction>-<lane>`, e.g. `UA-1-EXIT-L2`. */
export function cameraIdFor(
  country: Country,
  point: CrossingPoint,
  direction: Direction,
  lane: string,
): string {
  return `${country}-${point.index}-${direction}-${lane}`;
}

export function camerasOf(country: Country, point: CrossingPoint, direction: Direction): string[] {
  return point.sides[country].lanes.map((lane) => cameraIdFor(country, point, direction, lane));
}

/** A side's cameras as a set (membership) and as a list (iteration without an iterator). */
interface SideCameras {
  set: ReadonlySet<string>;
  list: readonly string[];
}

function sideCamerasOf(point: CrossingPoint, country: Country): SideCameras {
  const list = [...camerasOf(country, point, 'EXIT'), ...camerasOf(country, point, 'ENTRY')];
  return { set: new Set(list), list };
}

// Built once, by post id (no key to concatenate): the reconciler asks on every heartbeat, several times.
const sideCameraCache = new Map<string, Record<Country, SideCameras>>(
  CROSSING_POINTS.map((point) => [
    point.id,
    { UA: sideCamerasOf(point, 'UA'), MD: sideCamerasOf(point, 'MD') },
  ]),
);

function sideOf(country: Country, crossingPointId: string): SideCameras {
  const sides = sideCameraCache.get(crossingPointId);
  const side = country === 'UA' ? sides?.UA : country === 'MD' ? sides?.MD : undefined;
  if (!side) throw new Error(`unknown crossing point '${crossingPointId}' or country '${country}'`);
  return side;
}

/** Every camera of one country at a post, both directions. */
export function sideCameras(country: Country, crossingPointId: string): ReadonlySet<string> {
  return sideOf(country, crossingPointId).set;
}

/** The same cameras as `sideCameras`, in the same order, as a list. */
export function sideCameraList(country: Country, crossingPointId: string): readonly string[] {
  return sideOf(country, crossingPointId).list;
}
