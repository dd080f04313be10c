import { LATIN_TO_CYRILLIC } from './plate-normaliser';

/**
 * The characters a plate as read or declared may hold (docs/domain.md "Licence plates"): Latin
 * capitals, digits, the 12 Cyrillic capitals of Ukrainian plates (the lookalikes the normaliser
 * folds), and a space or hyphen between groups. The same alphabet as TC-FIELD-2
 * (libs/conformance/src/checks/fields/plate-characters.check.ts): what the intake accepts, the
 * conformance check passes.
 */
export const PLATE_LATIN_CAPITALS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const PLATE_DIGITS = '0123456789';
/** The 12 Cyrillic letters of Ukrainian plates, as `LATIN_TO_CYRILLIC` holds them. */
export const PLATE_CYRILLIC = Object.values(LATIN_TO_CYRILLIC).join('');
/** What cameras and declarants put between groups: the generator prints spaces; hyphens are common on foreign plates. */
export const PLATE_SEPARATORS = ' -';

const ALPHABET = new Set([
  ...PLATE_LATIN_CAPITALS,
  ...PLATE_DIGITS,
  ...PLATE_CYRILLIC,
  ...PLATE_SEPARATORS,
]);

/** The alphabet in words, for a refusal's message. */
export const PLATE_ALPHABET_DESCRIPTION = `A-Z, 0-9, ${PLATE_CYRILLIC}, space, hyphen`;

export function isPlateCharacter(ch: string): boolean {
  return ALPHABET.has(ch);
}

/** The first code point of the text outside the plate alphabet, or null when every one is in it. */
export function firstNonPlateCharacter(text: string): string | null {
  for (const ch of text) if (!ALPHABET.has(ch)) return ch;
  return null;
}

/** True when the text has a letter or digit, not only separators. */
export function hasPlateSymbol(text: string): boolean {
  for (const ch of text) if (ALPHABET.has(ch) && !PLATE_SEPARATORS.includes(ch)) return true;
  return false;
}
