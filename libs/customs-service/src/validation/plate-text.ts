import { firstNonPlateCharacter, hasPlateSymbol, PLATE_ALPHABET_DESCRIPTION } from '@uamd/domain';
import { codePointName } from './printable-text';

/**
 * Why a plate text is not one a plate can carry, or null: only characters of the domain's plate
 * alphabet (libs/domain/src/plates/plate-alphabet.ts, the alphabet TC-FIELD-2 judges), and at
 * least one letter or digit among them. Emoji, lower case, other scripts and look-alike
 * punctuation are refused here rather than published and reported by the partner's conformance.
 */
export function plateProblem(text: string): string | null {
  const offender = firstNonPlateCharacter(text);
  if (offender !== null)
    return `must hold only plate characters (${PLATE_ALPHABET_DESCRIPTION}): ${shown(offender)} is not one`;
  if (!hasPlateSymbol(text)) return 'must have a letter or digit, not only separators';
  return null;
}

/** A printable character as itself beside its code point, so `а` (Cyrillic a) and `a` are told apart. */
function shown(ch: string): string {
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch) ? `${codePointName(ch)} '${ch}'` : codePointName(ch);
}
