import { type Rng } from './prng';

/** Nationalities the generator registers vehicles in, with their share of traffic. */
export type PlateNationality = 'UA' | 'MD' | 'RO' | 'TR' | 'PL' | 'BG';

export const NATIONALITY_MIX: ReadonlyArray<readonly [PlateNationality, number]> = [
  ['UA', 0.45],
  ['MD', 0.35],
  ['RO', 0.08],
  ['TR', 0.06],
  ['PL', 0.03],
  ['BG', 0.03],
];

/** The 12 Latin letters whose Cyrillic lookalikes are the only letters on Ukrainian plates. */
export const UA_LETTERS = 'ABEIKMHOPCTX';
const BG_LETTERS = 'ABEKMHOPCTYX';
const LATIN = 'ABCDEFGHIJKLMNOPRSTUVXZ';

/** Latin display forms, with the spaces the plate shows (docs/domain.md "Licence plates"). */
export const PLATE_FORMATS: Readonly<Record<PlateNationality, RegExp>> = {
  UA: /^[ABEIKMHOPCTX]{2} \d{4} [ABEIKMHOPCTX]{2}$/,
  MD: /^([A-Z]{3} \d{3}|[A-Z]{1,2} [A-Z]{2} \d{3})$/,
  RO: /^(B \d{2,3}|[A-Z]{2} \d{2}) [A-Z]{3}$/,
  TR: /^\d{2} [A-Z]{1,3} \d{2,4}$/,
  PL: /^[A-Z]{2,3} [0-9]{4,5}$/,
  BG: /^[ABEKMHOPCTYX]{1,2} \d{4} [ABEKMHOPCTYX]{2}$/,
};

// Regions near the three posts are listed more than once so they come up more often.
const UA_REGIONS = [
  'AB',
  'AB',
  'KB',
  'BH',
  'BH',
  'HH',
  'CE',
  'IE',
  'AA',
  'KA',
  'BC',
  'AX',
  'AI',
  'BX',
];
const MD_OLD_REGIONS = ['C', 'K', 'BL', 'ED', 'SR', 'OC', 'CH', 'UN'];
const RO_COUNTIES = ['IS', 'SV', 'BT', 'GL', 'VS', 'CJ', 'BC', 'NT'];
const PL_DISTRICTS = ['WA', 'WX', 'KR', 'LU', 'RZ', 'PO', 'DW', 'GD'];
const BG_PROVINCES = ['CA', 'CB', 'C', 'B', 'A', 'PB', 'BH', 'E'];

function letters(rng: Rng, alphabet: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[rng.int(0, alphabet.length - 1)]!;
  return out;
}

function digits(rng: Rng, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(rng.int(0, 9));
  return out;
}

/** One plate of the given nationality in Latin with its usual spacing, e.g. `AB 1234 KC`. */
export function generatePlate(rng: Rng, nationality: PlateNationality): string {
  switch (nationality) {
    case 'UA':
      return `${rng.pick(UA_REGIONS)} ${digits(rng, 4)} ${letters(rng, UA_LETTERS, 2)}`;
    case 'MD':
      // Since 2015 `ABC 123`; a fifth of the fleet still carries the older region format.
      return rng.chance(0.2)
        ? `${rng.pick(MD_OLD_REGIONS)} ${letters(rng, LATIN, 2)} ${digits(rng, 3)}`
        : `${letters(rng, LATIN, 3)} ${digits(rng, 3)}`;
    case 'RO':
      return rng.chance(0.3)
        ? `B ${digits(rng, rng.int(2, 3))} ${letters(rng, LATIN, 3)}`
        : `${rng.pick(RO_COUNTIES)} ${digits(rng, 2)} ${letters(rng, LATIN, 3)}`;
    case 'TR': {
      const province = String(rng.int(1, 81)).padStart(2, '0');
      // Fewer letters, more digits: `34 A 1234`, `34 AB 123(4)`, `34 ABC 12(3)`.
      const letterCount = rng.int(1, 3);
      const digitCount = letterCount === 1 ? 4 : letterCount === 2 ? rng.int(3, 4) : rng.int(2, 3);
      return `${province} ${letters(rng, LATIN, letterCount)} ${digits(rng, digitCount)}`;
    }
    case 'PL': {
      const district = rng.chance(0.7) ? rng.pick(PL_DISTRICTS) : letters(rng, LATIN, 3);
      return `${district} ${digits(rng, district.length === 2 ? 5 : 4)}`;
    }
    case 'BG':
      return `${rng.pick(BG_PROVINCES)} ${digits(rng, 4)} ${letters(rng, BG_LETTERS, 2)}`;
    default: {
      const unreachable: never = nationality;
      throw new Error(`no plate format for ${String(unreachable)}`);
    }
  }
}
