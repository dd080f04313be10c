import {
  LATIN_TO_CYRILLIC,
  normalisePlate,
  type DiscrepancyReason,
  type GoodsLine,
} from '@uamd/domain';
import { COMMODITIES } from './goods';
import { type DeclarationNoise } from './noise';
import { generatePlate, type PlateNationality } from './plates';
import { type Rng } from './prng';
import { type DeclarationLodgement, type TripDeclarations } from './world';

const MINUTE = 60_000;

/** In the order they are drawn; GOODS_NOT_DECLARED_ON_ENTRY leaves no import for the others. */
export const DISCREPANCY_REASONS: readonly DiscrepancyReason[] = [
  'GOODS_NOT_DECLARED_ON_ENTRY',
  'PLATE_MISMATCH',
  'GROSS_MASS_MISMATCH',
  'HS_CODE_MISMATCH',
  'DECLARED_AFTER_CROSSING',
];

export interface VariationContext {
  nationality: PlateNationality;
  /** True time the vehicle reaches (or would reach) the entry camera. */
  plannedEntryTime: number;
  end: number;
}

/**
 * What declarants make of a load's paperwork: plates typed their own way and, on a few trucks,
 * the injected discrepancies, recorded in `injected`. Its own random stream (seeded by the MRN),
 * so the traffic does not change when these rates do.
 */
export function varyDeclarations(
  rng: Rng,
  base: TripDeclarations,
  noise: DeclarationNoise,
  c: VariationContext,
): TripDeclarations {
  const drawn = DISCREPANCY_REASONS.filter((r) => rng.chance(noise.discrepancyRates[r]));
  const vary = noise.legitimateVariation;
  const exportDecl = vary ? typedBy(rng, base.export, c.nationality) : base.export;
  if (drawn.includes('GOODS_NOT_DECLARED_ON_ENTRY'))
    return { ...base, export: exportDecl, import: null, injected: ['GOODS_NOT_DECLARED_ON_ENTRY'] };
  // Lodged after the scenario end: nothing of the import is observed, whatever was drawn.
  if (!base.import) return { ...base, export: exportDecl, injected: drawn };

  let imp: DeclarationLodgement = vary ? typedBy(rng, base.import, c.nationality) : base.import;
  if (vary) imp = { ...imp, goods: legitimateGoods(rng, imp.goods) };
  for (const reason of drawn) {
    switch (reason) {
      case 'PLATE_MISMATCH':
        imp = { ...imp, tractorPlate: otherPlate(rng, base.export.tractorPlate, c.nationality) };
        if (vary) imp = { ...imp, tractorPlate: typedPlate(rng, imp.tractorPlate, c.nationality) };
        break;
      case 'GROSS_MASS_MISMATCH': {
        const factor = 1 + (rng.chance(0.5) ? 1 : -1) * rng.uniform(0.1, 0.4);
        imp = {
          ...imp,
          goods: imp.goods.map((g) => ({ ...g, grossMassKg: Math.round(g.grossMassKg * factor) })),
        };
        break;
      }
      case 'HS_CODE_MISMATCH':
        imp = { ...imp, goods: withOtherHeading(rng, imp.goods) };
        break;
      case 'DECLARED_AFTER_CROSSING':
        imp = {
          ...imp,
          lodgedAt: c.plannedEntryTime + Math.round(rng.uniform(5, 60) * MINUTE),
        };
        break;
      case 'GOODS_NOT_DECLARED_ON_ENTRY':
        break;
      default: {
        const unreachable: never = reason;
        throw new Error(`unknown discrepancy ${String(unreachable)}`);
      }
    }
  }
  return {
    ...base,
    export: exportDecl,
    import: imp.lodgedAt <= c.end ? imp : null,
    injected: drawn,
  };
}

/** A plate as an officer or declarant types it: with or without spaces, UA plates maybe in Cyrillic. */
export function typedPlate(rng: Rng, plate: string, nationality: PlateNationality): string {
  const spaced = rng.chance(0.5) ? plate : plate.replace(/ /g, '');
  if (nationality !== 'UA' || !rng.chance(0.3)) return spaced;
  return [...spaced].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join('');
}

function typedBy(
  rng: Rng,
  lodgement: DeclarationLodgement,
  nationality: PlateNationality,
): DeclarationLodgement {
  return {
    ...lodgement,
    tractorPlate: typedPlate(rng, lodgement.tractorPlate, nationality),
    // Trailers carry plates of any nationality; typed the same way, no script change.
    trailerPlate:
      lodgement.trailerPlate === null
        ? null
        : rng.chance(0.5)
          ? lodgement.trailerPlate
          : lodgement.trailerPlate.replace(/ /g, ''),
  };
}

/** Weighbridges disagree a little (each line within ±0.4%, so the total stays within 1%), and national extensions of the HS code. */
function legitimateGoods(rng: Rng, goods: readonly GoodsLine[]): GoodsLine[] {
  const reweigh = rng.chance(0.4);
  return goods.map((g) => ({
    ...g,
    value: { ...g.value },
    hsCode: rng.chance(0.3)
      ? `${g.hsCode.slice(0, 6)}${String(rng.int(0, 9999)).padStart(4, '0')}`
      : g.hsCode,
    grossMassKg: reweigh
      ? Math.round(g.grossMassKg * (1 + rng.uniform(-0.004, 0.004)))
      : g.grossMassKg,
  }));
}

/** A freshly generated plate of the same nationality that is not the vehicle's. */
function otherPlate(rng: Rng, declared: string, nationality: PlateNationality): string {
  for (;;) {
    const plate = generatePlate(rng, nationality);
    if (normalisePlate(plate) !== normalisePlate(declared)) return plate;
  }
}

/** One line's code replaced by a commodity of another heading (first 4 digits differ). */
function withOtherHeading(rng: Rng, goods: readonly GoodsLine[]): GoodsLine[] {
  const index = rng.int(0, goods.length - 1);
  const line = goods[index]!;
  const others = COMMODITIES.filter((c) => c.hsCode.slice(0, 4) !== line.hsCode.slice(0, 4));
  const hsCode = rng.pick(others).hsCode;
  return goods.map((g, i) => (i === index ? { ...g, hsCode } : g));
}
