import { type GoodsLine } from '@uamd/domain';
import { type Rng } from './prng';

export interface Commodity {
  hsCode: string;
  description: string;
  /** Rough customs value per kg in EUR, to keep values plausible against masses. */
  eurPerKg: number;
}

// Typical UA–MD road freight: grain and oilseeds, oil, wine, fruit, fertiliser, building materials.
export const COMMODITIES: readonly Commodity[] = [
  { hsCode: '100199', description: 'Wheat, other than durum, for milling', eurPerKg: 0.22 },
  { hsCode: '100590', description: 'Maize, other than seed', eurPerKg: 0.2 },
  { hsCode: '120600', description: 'Sunflower seeds', eurPerKg: 0.4 },
  { hsCode: '151211', description: 'Crude sunflower-seed oil', eurPerKg: 0.9 },
  { hsCode: '220421', description: 'Wine of fresh grapes, in bottles', eurPerKg: 2.5 },
  { hsCode: '080810', description: 'Fresh apples', eurPerKg: 0.5 },
  {
    hsCode: '310520',
    description: 'Mineral fertilisers with nitrogen, phosphorus and potassium',
    eurPerKg: 0.45,
  },
  { hsCode: '252329', description: 'Portland cement', eurPerKg: 0.08 },
  {
    hsCode: '730890',
    description: 'Structures and parts of structures of iron or steel',
    eurPerKg: 1.6,
  },
  { hsCode: '940360', description: 'Wooden furniture', eurPerKg: 3 },
  { hsCode: '392321', description: 'Sacks and bags of polymers of ethylene', eurPerKg: 2 },
  { hsCode: '640399', description: 'Footwear with leather uppers', eurPerKg: 25 },
  { hsCode: '870899', description: 'Parts and accessories of motor vehicles', eurPerKg: 6 },
  { hsCode: '210690', description: 'Food preparations not elsewhere specified', eurPerKg: 3.5 },
];

const CURRENCY_PER_EUR: ReadonlyArray<readonly [string, number, number]> = [
  // [currency, units per EUR, share of declarations]
  ['EUR', 1, 0.5],
  ['USD', 1.1, 0.25],
  ['UAH', 45, 0.15],
  ['MDL', 19.5, 0.1],
];

/** 1–3 goods lines for one truck load of roughly 4–30 t in all, values plausible for the goods. */
export function generateGoods(rng: Rng): GoodsLine[] {
  const lineCount = rng.weighted([
    [1, 0.6],
    [2, 0.3],
    [3, 0.1],
  ] as const);
  const totalKg = rng.uniform(4_000, 24_000);
  const [currency, perEur] = rng.weighted(
    CURRENCY_PER_EUR.map(([c, rate, share]) => [[c, rate] as const, share] as const),
  );
  const lines: GoodsLine[] = [];
  for (let i = 0; i < lineCount; i++) {
    const commodity = rng.pick(COMMODITIES);
    const grossMassKg = Math.round((totalKg / lineCount) * rng.uniform(0.7, 1.3));
    const amount =
      Math.round(grossMassKg * commodity.eurPerKg * perEur * rng.uniform(0.8, 1.25) * 100) / 100;
    lines.push({
      hsCode: commodity.hsCode,
      description: commodity.description,
      grossMassKg,
      value: { amount, currency },
    });
  }
  return lines;
}
