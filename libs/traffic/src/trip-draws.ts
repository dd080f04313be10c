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

const MINUTE = 60_000;
/** Room left under the window's end for a queue at the entry control on an ordinary day. */
const QUEUE_ROOM_MINUTES = 30;
/** A plate seen at the border comes back only after this long: one vehicle, one trip in a window. */
export const PLATE_REUSE_AFTER_MS = 7 * 24 * 60 * MINUTE;
const MRN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Time from exit to the line at the entry control, ms, without waiting in that line (the
 * entry gates add the queue): most vehicles get there within half an hour of the post's
 * minimum, the rest are held by inspections (lognormal tail). It stays `QUEUE_ROOM_MINUTES`
 * under the window's end, so on an ordinary day no vehicle exceeds the window the reconciler
 * treats as overdue; a long queue (a peak, a blockade) does.
 */
export function drawTransitMs(rng: Rng, window: TransitWindow, category: VehicleCategory): number {
  const { minMinutes: min, maxMinutes: max } = window;
  const ceiling = Math.max(min + 1, max - QUEUE_ROOM_MINUTES);
  const tailShare = category === 'TRUCK' ? 0.3 : 0.12;
  let minutes = rng.uniform(min, Math.min(min + 30, ceiling));
  if (rng.chance(tailShare)) {
    const tail = min + 30 + rng.lognormal(Math.log(20), 0.8);
    minutes = tail < ceiling ? tail : rng.uniform(Math.min(min + 30, ceiling), ceiling);
  }
  return Math.max(min * MINUTE, Math.min(Math.round(minutes * MINUTE), ceiling * MINUTE - 1));
}

/**
 * The plates in use: a plate drawn again within `PLATE_REUSE_AFTER_MS` of its last trip is
 * drawn anew, so every trip in a window has its own vehicle. Only the last week is kept, so a
 * month of traffic does not grow the registry; the rule depends on times only, so generating
 * the world whole or day by day draws the same plates.
 */
export class PlateRegistry {
  private lastUsed = new Map<string, number>();
  private prunedAt = -Infinity;

  draw(rng: Rng, at: number): { plate: string; nationality: PlateNationality } {
    if (at - this.prunedAt > PLATE_REUSE_AFTER_MS) this.prune(at);
    const nationality = rng.weighted(NATIONALITY_MIX);
    for (;;) {
      const plate = generatePlate(rng, nationality);
      const key = plate.replace(/ /g, '');
      const last = this.lastUsed.get(key);
      if (last === undefined || at - last >= PLATE_REUSE_AFTER_MS) {
        this.lastUsed.set(key, at);
        return { plate, nationality };
      }
    }
  }

  private prune(at: number): void {
    this.prunedAt = at;
    for (const [key, last] of this.lastUsed)
      if (at - last >= PLATE_REUSE_AFTER_MS) this.lastUsed.delete(key);
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
 * 5 min before the vehicle reaches the entry control (`plannedEntryTime` here; any queue only
 * makes the lead longer) (more than any camera's clock offset, so a declaration on time
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
      publishedAt: exportLodgedAt,
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
            publishedAt: importLodgedAt,
            releasedAt: null,
            tractorPlate: d.plate,
            trailerPlate,
            goods: goods.map((g) => ({ ...g, value: { ...g.value } })),
          }
        : null,
    injected: [],
  };
}
