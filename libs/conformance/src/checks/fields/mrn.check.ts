import {
  checkMrn,
  mrnCheckCharacter,
  otherCountry,
  type Country,
  type CustomsDeclaration,
  type InputEvent,
} from '@uamd/domain';
import { type ConditionCheck, type TechnicalCondition } from '../../condition';
import { type CheckOptions } from '../check-options';
import { MessageCheck } from '../message-check';
import { quoted } from './field-text';

const MRN_CHARACTERS = 18;

export const MRN: TechnicalCondition = {
  id: 'TC-FIELD-3',
  title: 'Declarations carry a valid MRN of the exporting country',
  rule: "A declaration's MRN has 18 characters: a 2-digit year, a 2-letter country code, 12 letters or digits, a procedure letter J–M, and a check character computed with the ISO 6346 algorithm over the first 17. Its country code is that of the country that allocated it: the declaring country for an EXPORT, the other side of the post for an IMPORT (which carries the export's MRN, the key that joins the two declarations). A TRANSIT MRN may come from any office of departure, so only its format and check character are checked.",
  severity: 'mandatory',
  parameters: {
    mrnCharacters: MRN_CHARACTERS,
    format: 'YY CC 12×[A-Z0-9] [J-M] check',
    checkCharacter: 'ISO 6346 over the first 17',
  },
};

/** TC-FIELD-3: the domain's MRN rules (libs/domain/src/declarations/mrn.ts), as the service validates them on input. */
export class MrnCheck extends MessageCheck implements ConditionCheck {
  constructor(options: CheckOptions) {
    super(MRN, options);
  }

  protected problemsOf(event: InputEvent): string[] | null {
    return event.type === 'CustomsDeclaration' ? mrnProblems(event.data) : null;
  }
}

/** The country whose customs allocated a declaration's MRN; null when any may have. */
function allocatingCountry({ kind, country }: CustomsDeclaration): Country | null {
  switch (kind) {
    case 'EXPORT':
      return country;
    case 'IMPORT':
      return otherCountry(country);
    case 'TRANSIT':
      return null;
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown declaration kind ${String(unreachable)}`);
    }
  }
}

function mrnProblems(declaration: CustomsDeclaration): string[] {
  const { mrn, kind } = declaration;
  const shown = quoted(mrn);
  const problem = checkMrn(mrn);
  if (problem === 'FORMAT') {
    const length = [...mrn].length;
    return [
      length === MRN_CHARACTERS
        ? `mrn ${shown} is not in the MRN format (2-digit year, 2-letter country, 12 capitals or digits, procedure letter J–M, check character)`
        : `mrn ${shown} has ${length} characters, not ${MRN_CHARACTERS}`,
    ];
  }
  if (problem === 'CHECK_CHARACTER')
    return [
      `mrn ${shown} ends in check character ${mrn[17]}, ISO 6346 gives ${mrnCheckCharacter(mrn.slice(0, 17))}`,
    ];
  const expected = allocatingCountry(declaration);
  const code = mrn.slice(2, 4);
  if (expected === null || code === expected) return [];
  const whose =
    kind === 'EXPORT' ? 'the declaring country' : 'the exporting country, whose MRN it carries';
  return [
    `mrn ${shown} has country code ${code}, but an ${kind} declaration of ${declaration.country} carries an MRN of ${expected}, ${whose}`,
  ];
}
