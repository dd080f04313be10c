import { confusablesOf } from './anpr-confusions';

/**
 * Registration formats of the plates seen at the three posts (docs/domain.md "Licence plates"),
 * over normalised text (Latin, no separators). `L` takes a letter of the format's alphabet,
 * `D` a digit. Each format lists its length variants.
 */
export interface PlateFormat {
  nationality: string;
  patterns: readonly string[];
  /** Letters the format uses; Ukrainian plates use only the 12 Cyrillic/Latin lookalikes. */
  letters: string;
  /** Added to every fit: rarer plates at these posts need a clearer fit to be named (docs/domain.md mix). */
  rarity: number;
}

const ALL_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const UA_LETTERS = 'ABEIKMHOPCTX';

export const PLATE_FORMATS: readonly PlateFormat[] = [
  { nationality: 'UA', patterns: ['LLDDDDLL'], letters: UA_LETTERS, rarity: 0 },
  // Since 2015 `ABC 123`; older: region (1–2 letters) + 2 letters + 3 digits.
  { nationality: 'MD', patterns: ['LLLDDD', 'LLLLDDD'], letters: ALL_LETTERS, rarity: 0 },
  {
    nationality: 'RO',
    patterns: ['LDDLLL', 'LDDDLLL', 'LLDDLLL'],
    letters: ALL_LETTERS,
    rarity: 0.3,
  },
  {
    nationality: 'TR',
    patterns: [
      'DDLDD',
      'DDLDDD',
      'DDLDDDD',
      'DDLLDD',
      'DDLLDDD',
      'DDLLDDDD',
      'DDLLLDD',
      'DDLLLDDD',
    ],
    letters: ALL_LETTERS,
    rarity: 0.3,
  },
  {
    nationality: 'PL',
    patterns: ['LLDDDD', 'LLDDDDD', 'LLLDDDD', 'LLLDDDDD'],
    letters: ALL_LETTERS,
    rarity: 0.5,
  },
  { nationality: 'BG', patterns: ['LDDDDLL', 'LLDDDDLL'], letters: 'ABEKMHOPCTYX', rarity: 0.5 },
];

/** Cost of reading `ch` where the format wants a letter/digit: 0 fits, 0.3 a typical confusion away, 1 otherwise. */
function positionCost(ch: string, want: string, letters: string): number {
  const fits = (c: string) => (want === 'D' ? c >= '0' && c <= '9' : letters.includes(c));
  if (fits(ch)) return 0;
  for (const alt of confusablesOf(ch)) if (fits(alt)) return 0.3;
  return 1;
}

export interface FormatFit {
  nationality: string;
  /** Sum of position costs plus the format's rarity: 0 for a UA or MD plate that fits exactly. */
  cost: number;
}

/**
 * The formats a normalised read fits best, cheapest first. A Ukrainian plate read with a digit
 * 0 in a letter place still fits `UA` at cost 0.3: "probably a UA plate" even when misread.
 */
export function fitFormats(plate: string): FormatFit[] {
  const fits: FormatFit[] = [];
  for (const format of PLATE_FORMATS) {
    let best = Infinity;
    for (const pattern of format.patterns) {
      if (pattern.length !== plate.length) continue;
      let cost = 0;
      for (let i = 0; i < pattern.length && cost < best; i++)
        cost += positionCost(plate[i]!, pattern[i]!, format.letters);
      best = Math.min(best, cost);
    }
    if (best < Infinity) fits.push({ nationality: format.nationality, cost: best + format.rarity });
  }
  return fits.sort((a, b) => a.cost - b.cost);
}

/**
 * The plate's probable nationality: the single format it fits within `tolerance`, better than
 * every other format by at least 0.5; null when the read is ambiguous or fits none.
 */
export function probableNationality(plate: string, tolerance = 1): string | null {
  const [first, second] = fitFormats(plate);
  if (!first || first.cost > tolerance) return null;
  if (second && second.cost - first.cost < 0.5) return null;
  return first.nationality;
}
