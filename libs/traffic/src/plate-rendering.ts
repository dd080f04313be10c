import { LATIN_TO_CYRILLIC, type Country } from '@uamd/domain';
import { type Rng } from './prng';

/** How the cameras print a plate they have read (misreads come before, in `misreadPlate`): script and spacing. */
export interface RenderOptions {
  cameraCountry: Country;
  nationality: string;
  /** Share of UA plates a UA camera prints in Cyrillic or mixed script. */
  cyrillicShareUa: number;
}

/** Of the non-Latin UA reads, the share printed fully in Cyrillic (the rest mix both scripts). */
const FULL_CYRILLIC_SHARE = 2 / 3;

/** The plate as a camera prints it: with or without its spaces, and for UA plates on UA cameras maybe Cyrillic. */
export function renderPlateText(rng: Rng, plate: string, options: RenderOptions): string {
  const text = rng.chance(0.5) ? plate : plate.replace(/ /g, '');
  if (
    options.cameraCountry !== 'UA' ||
    options.nationality !== 'UA' ||
    !rng.chance(options.cyrillicShareUa)
  )
    return text;
  const letterIndexes = [...text].flatMap((ch, i) => (LATIN_TO_CYRILLIC[ch] ? [i] : []));
  let mapped: Set<number>;
  if (rng.chance(FULL_CYRILLIC_SHARE) || letterIndexes.length < 2) {
    mapped = new Set(letterIndexes);
  } else {
    // At least one letter in each script, so the read really is mixed.
    const cyrillic = rng.pick(letterIndexes);
    const latin = rng.pick(letterIndexes.filter((i) => i !== cyrillic));
    mapped = new Set(
      letterIndexes.filter((i) => i === cyrillic || (i !== latin && rng.chance(0.5))),
    );
  }
  return [...text].map((ch, i) => (mapped.has(i) ? LATIN_TO_CYRILLIC[ch]! : ch)).join('');
}
