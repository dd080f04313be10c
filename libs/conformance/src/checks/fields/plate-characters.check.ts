import { hasPlateSymbol, isPlateCharacter, PLATE_CYRILLIC, type InputEvent } from '@uamd/domain';
import { type ConditionCheck, type TechnicalCondition } from '../../condition';
import { type CheckOptions } from '../check-options';
import { MessageCheck } from '../message-check';
import { codePointName, quoted } from './field-text';

/** A border transport means is identified by up to 35 characters (docs/domain.md). */
const MAX_PLATE_CHARACTERS = 35;
const NATIONALITY = /^[A-Z]{1,3}$/;
const MAX_NAMED_OFFENDERS = 5;

export const PLATE_CHARACTERS: TechnicalCondition = {
  id: 'TC-FIELD-2',
  title: 'Plates are short, well-formed text in the plate alphabets',
  rule: `A plate as read (plateText) or declared (tractorPlate, trailerPlate) has 1 to ${MAX_PLATE_CHARACTERS} characters, at least one of them a letter or digit, and only characters of the plate alphabets: Latin capitals A–Z, digits 0–9, the 12 Cyrillic capitals of Ukrainian plates (${PLATE_CYRILLIC}), and space or hyphen between groups. Control, zero-width, bidirectional-override and format characters, lone surrogates, lower case and letters of other scripts are refused: they make two reads of one plate compare unequal without showing why. A plate nationality, when given, is 1–3 Latin capitals.`,
  severity: 'mandatory',
  parameters: {
    maxPlateCharacters: MAX_PLATE_CHARACTERS,
    plateCharacters: `A-Z 0-9 ${PLATE_CYRILLIC} space hyphen`,
    nationalityPattern: NATIONALITY.source,
  },
};

/** TC-FIELD-2: the characters of every plate a message carries. */
export class PlateCharactersCheck extends MessageCheck implements ConditionCheck {
  constructor(options: CheckOptions) {
    super(PLATE_CHARACTERS, options);
  }

  protected problemsOf(event: InputEvent): string[] | null {
    switch (event.type) {
      case 'PlateRead': {
        const { plateText, plateNationality } = event.data;
        const problems = plateProblems('plateText', plateText);
        if (plateNationality !== null && !NATIONALITY.test(plateNationality))
          problems.push(`plateNationality ${quoted(plateNationality)} is not 1–3 Latin capitals`);
        return problems;
      }
      case 'CustomsDeclaration': {
        const { tractorPlate, trailerPlate } = event.data;
        return [
          ...plateProblems('tractorPlate', tractorPlate),
          ...(trailerPlate === null ? [] : plateProblems('trailerPlate', trailerPlate)),
        ];
      }
      case 'CameraHeartbeat':
      case 'DeclarationHeartbeat':
        return null;
      default: {
        const unreachable: never = event;
        throw new Error(`unknown input ${JSON.stringify(unreachable)}`);
      }
    }
  }
}

/** What is wrong with one plate field, every offending character named once by code point. */
export function plateProblems(field: string, text: string): string[] {
  if (text === '') return [`${field} is empty`];
  const chars = [...text];
  const shown = quoted(text, (ch) => isPlateCharacter(ch));
  const problems: string[] = [];
  if (chars.length > MAX_PLATE_CHARACTERS)
    problems.push(
      `${field} ${shown} has ${chars.length} characters, more than ${MAX_PLATE_CHARACTERS}`,
    );
  const offenders = [...new Set(chars.filter((ch) => !isPlateCharacter(ch)))];
  if (offenders.length > 0) {
    const named = offenders
      .slice(0, MAX_NAMED_OFFENDERS)
      .map((ch) => `${codePointName(ch)} (${kindOf(ch)})`);
    if (offenders.length > MAX_NAMED_OFFENDERS)
      named.push(`${offenders.length - MAX_NAMED_OFFENDERS} more`);
    problems.push(
      `${field} ${shown} has ${named.join(', ')}: not ${offenders.length === 1 ? 'a plate character' : 'plate characters'}`,
    );
  } else if (!hasPlateSymbol(text)) {
    problems.push(`${field} ${shown} has only separators, no letter or digit`);
  }
  return problems;
}

const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
const BIDI = new Set([
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

/** Why a character is not a plate character, in words a partner recognises. */
function kindOf(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp >= 0xd800 && cp <= 0xdfff) return 'a lone surrogate';
  if (/\p{Cc}/u.test(ch)) return 'a control character';
  if (ZERO_WIDTH.has(cp)) return 'a zero-width character';
  if (BIDI.has(cp)) return 'a bidirectional control';
  if (/\p{Cf}/u.test(ch)) return 'a format character';
  if (/\s/u.test(ch)) return 'a space other than U+0020';
  if (/\p{Ll}/u.test(ch)) return 'a lower-case letter';
  if (/\p{Script=Cyrillic}/u.test(ch)) return 'a Cyrillic letter not used on Ukrainian plates';
  if (/\p{Script=Latin}/u.test(ch)) return 'a Latin letter outside A–Z';
  if (/\p{L}/u.test(ch)) return 'a letter of another script';
  if (/\p{N}/u.test(ch)) return 'a digit outside 0–9';
  return 'a symbol not used on plates';
}
