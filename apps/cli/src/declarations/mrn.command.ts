import { checkMrn, mrnCheckCharacter } from '@uamd/domain';
import { type Command } from 'commander';

/**
 * `mrn`: an MRN ends in an ISO 6346 check character nobody computes by hand. Given the first 17
 * characters it prints the whole MRN; given 18 it says whether the check character is right.
 */
export function registerMrn(program: Command): void {
  program
    .command('mrn')
    .description(
      'complete an MRN with its check character (17 characters in), or check one (18 characters)',
    )
    .argument('<mrn>', 'e.g. 24UA000000000001J (year, country, 12 alphanumerics, procedure J–M)')
    .action((raw: string) => {
      const text = raw.trim().toUpperCase();
      const full = text.length === 17 ? text + mrnCheckCharacter(text) : text;
      const problem = checkMrn(full);
      if (problem === 'FORMAT')
        throw new Error(
          `${raw} is not an MRN: 2 digits (year), 2 letters (country), 12 letters or digits, a procedure letter J–M${text.length === 17 ? '' : ', then the check character'}`,
        );
      if (problem === 'CHECK_CHARACTER')
        throw new Error(
          `${raw}: the check character should be ${mrnCheckCharacter(full.slice(0, 17))}, not ${full[17]}`,
        );
      console.log(full);
    });
}
