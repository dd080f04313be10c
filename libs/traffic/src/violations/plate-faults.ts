import { type Rng } from '../prng';
import { patched } from './feed-events';
import { type MessageFault, notTaken } from './message-faults';

/**
 * Characters outside the plate alphabets of TC-FIELD-2, as feeds get them wrong: invisible ones
 * that make two equal-looking plates unequal, and letters of the wrong case or script.
 */
export const BAD_PLATE_CHARACTERS: readonly string[] = [
  '\u200b', // zero-width space
  '\u202e', // right-to-left override
  '\u00a0', // no-break space
  'x', // lower case
  'Ж', // Cyrillic, not on Ukrainian plates
  'Ö', // Latin outside A–Z
];

/**
 * TC-FIELD-2: a read's plateText, or a declaration's tractorPlate, gets one bad character,
 * drawn, at a drawn place.
 */
export const BAD_PLATE: MessageFault = {
  what: 'plates',
  takes: (event) => event.type === 'PlateRead' || event.type === 'CustomsDeclaration',
  change: (e, rng) => {
    if (e.event.type === 'PlateRead')
      return patched(e, e.event, { plateText: spoil(e.event.data.plateText, rng) });
    if (e.event.type === 'CustomsDeclaration')
      return patched(e, e.event, { tractorPlate: spoil(e.event.data.tractorPlate, rng) });
    return notTaken(e);
  },
};

function spoil(plate: string, rng: Rng): string {
  const at = rng.int(0, plate.length);
  return `${plate.slice(0, at)}${rng.pick(BAD_PLATE_CHARACTERS)}${plate.slice(at)}`;
}
