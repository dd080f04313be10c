import { type VehicleCategory } from '@uamd/domain';

/** Lane classes at a control: trucks on the heavy lane, everything else on the light one. */
export type LaneClass = 'light' | 'heavy';

export const laneClassOf = (category: VehicleCategory): LaneClass =>
  category === 'TRUCK' ? 'heavy' : 'light';

/** What a post's traffic is made of and how fast its entry controls clear it (estimates). */
export interface PostTraffic {
  /** Share of the post's daily vehicles by category; sums to 1. */
  categoryMix: ReadonlyArray<readonly [VehicleCategory, number]>;
  /** Vehicles per hour the entry control of each side clears, per lane class. */
  entryCapacityPerHour: Readonly<Record<LaneClass, number>>;
}

/**
 * Per crossing point, by registry id. Mohyliv-Podilskyi–Otaci, on the main Chernivtsi–Vinnytsia
 * to Chișinău freight route over the Dniester bridge, carries the most lorries; Mamalyha–Criva is
 * mostly local cars; Maiaki-Udobne–Palanca (Odesa–Chișinău) has the coaches. Capacities leave
 * an ordinary weekday's peak hour unqueued (about half used) and make a holiday peak queue.
 */
export const POST_TRAFFIC: Readonly<Record<string, PostTraffic>> = {
  'mamalyha-criva': {
    categoryMix: [
      ['CAR', 0.68],
      ['VAN', 0.08],
      ['BUS', 0.04],
      ['TRUCK', 0.2],
    ],
    entryCapacityPerHour: { light: 34, heavy: 10 },
  },
  'mohyliv-podilskyi-otaci': {
    categoryMix: [
      ['CAR', 0.52],
      ['VAN', 0.07],
      ['BUS', 0.05],
      ['TRUCK', 0.36],
    ],
    entryCapacityPerHour: { light: 50, heavy: 18 },
  },
  'maiaki-udobne-palanca': {
    categoryMix: [
      ['CAR', 0.58],
      ['VAN', 0.08],
      ['BUS', 0.07],
      ['TRUCK', 0.27],
    ],
    entryCapacityPerHour: { light: 44, heavy: 14 },
  },
};

export function postTraffic(id: string): PostTraffic {
  const found = POST_TRAFFIC[id];
  if (!found) throw new Error(`no traffic profile for crossing point '${id}'`);
  return found;
}
