import {
  makeMrn,
  type Country,
  type CrossingPoint,
  type TransitWindow,
  type VehicleCategory,
} from '@uamd/domain';
import { generateGoods } from './goods';
import { generatePlate, NATIONALITY_MIX, type PlateNationality } from './plates';
import { type Rng } from './prng';
import { type TripDeclarations } from './world';

export const CATEGORY_MIX: ReadonlyArray<readonly [VehicleCategory, number]> = [
  ['CAR', 0.6],
  ['TRUCK', 0.28],
  ['BUS', 0.05],
  ['VAN', 0.07],
];

const MINUTE = 60_000;
const MRN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Transit time in ms: most vehicles cross within half an hour of the post's minimum, the rest
 * queue (lognormal tail); never reaches `maxMinutes`, which the reconciler treats as overdue.
 */
export function drawTransitMs(rng: Rng, window: TransitWindow, category: VehicleCategory): number {
  const { minMinutes: min, maxMinutes: max } = window;
  const tailShare = category === 'TRUCK' ? 0.3 : 0.12;
  let minutes = rng.uniform(min, Math.min(min + 30, max));
  if (rng.chance(tailShare)) {
    const tail = min + 30 + rng.lognormal(Math.log(20), 0.8);
    minutes = tail < max ? tail : rng.uniform(min + 30, max);
  }
  return Math.max(min * MINUTE, Math.min(Math.round(minutes * MINUTE), max * MINUTE - 1));
}

/** Draws a plate not yet used in this world, so every true trip has its own vehicle. */
export function drawUniquePlate(
  rng: Rng,
  used: Set<string>,
): { plate: string; nationality: PlateNationality } {
  const nationality = rng.weighted(NATIONALITY_MIX);
  for (;;) {
    const plate = generatePlate(rng, nationality);
    const key = plate.replace(/ /g, '');
    if (!used.has(key)) {
      used.add(key);
      return { plate, nationality };
    }
  }
}

export interface DeclarationDraw {
  seed: number;
  point: CrossingPoint;
  exitCountry: Country;
  entryCountry: Country;
  serial: number;
  plate: string;
  exitTime: number;
  plannedEntryTime: number;
  end: number;
  year2: string;
}

/**
 * Export lodged 10–120 min before exit, released minutes before it; import lodged at least
 * 5 min before the planned entry (more than any camera's clock offset, so a declaration on time
 * never looks late). Both carry the same plate and goods here; `varyDeclarations` adds what
 * declarants change.
 */
export function drawDeclarations(
  rng: Rng,
  d: DeclarationDraw,
  trailerPlate: string | null,
): TripDeclarations {
  // Post index and serial make the MRN unique by construction; the random tail makes it look real.
  let tail = '';
  for (let i = 0; i < 5; i++) tail += MRN_ALPHABET[rng.int(0, MRN_ALPHABET.length - 1)]!;
  const body12 = `${d.point.index}${String(d.serial).padStart(6, '0')}${tail}`;
  const mrn = makeMrn(d.year2, d.exitCountry, body12, 'J');
  const exportLodgedAt = d.exitTime - Math.round(rng.uniform(10, 120) * MINUTE);
  const releasedAt = d.exitTime - Math.round(rng.uniform(1, 5) * MINUTE);
  const importLodgedAt = Math.round(
    rng.uniform(exportLodgedAt + MINUTE, d.plannedEntryTime - 5 * MINUTE),
  );
  const goods = generateGoods(rng);
  return {
    mrn,
    export: {
      eventId: `s${d.seed}.${d.exitCountry}.decl.${mrn}`,
      lodgedAt: exportLodgedAt,
      releasedAt,
      tractorPlate: d.plate,
      trailerPlate,
      goods,
    },
    import:
      importLodgedAt <= d.end
        ? {
            eventId: `s${d.seed}.${d.entryCountry}.decl.${mrn}`,
            lodgedAt: importLodgedAt,
            releasedAt: null,
            tractorPlate: d.plate,
            trailerPlate,
            goods: goods.map((g) => ({ ...g, value: { ...g.value } })),
          }
        : null,
    injected: [],
  };
}
