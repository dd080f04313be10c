import { confusablesOf } from '@uamd/domain';
import { type Rng } from './prng';

export interface MisreadOptions {
  /** Per character, averaged over the plate. */
  misreadRate: number;
  /** Share of misreads inside a confusion class. */
  inClassShare: number;
  /** Per read: one character dropped or inserted. */
  dropInsertRate: number;
}

export interface Misread {
  /** Latin, with the plate's spacing; what the camera saw before it prints it. */
  plate: string;
  /** Characters replaced. */
  substitutions: number;
  /** A character dropped or inserted. */
  lengthChanged: boolean;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** A character with class mates is misread at most this often, however few of them a plate has. */
const MAX_CLASS_MISREAD = 0.5;

/**
 * A camera's misreads of a Latin plate. Misreads inside a confusion class fall only on
 * characters that have class mates, those outside on any character, with per-character
 * probabilities chosen so that the plate's average rate is `misreadRate` and the in-class share
 * `inClassShare` (a plate without confusable characters gets only other misreads). A read may
 * also lose a character or gain a spurious one.
 */
export function misreadPlate(rng: Rng, plate: string, o: MisreadOptions): Misread {
  const chars = [...plate];
  let substitutions = 0;
  if (o.misreadRate > 0) {
    const positions = chars.flatMap((ch, i) => (ch === ' ' ? [] : [i]));
    const confusable = positions.filter((i) => confusablesOf(chars[i]!) !== '').length;
    const inClass =
      confusable > 0
        ? Math.min(
            MAX_CLASS_MISREAD,
            (o.inClassShare * o.misreadRate * positions.length) / confusable,
          )
        : 0;
    const other = confusable > 0 ? (1 - o.inClassShare) * o.misreadRate : o.misreadRate;
    for (const i of positions) {
      const ch = chars[i]!;
      const mates = confusablesOf(ch);
      const u = rng.next();
      const pIn = mates === '' ? 0 : inClass;
      if (u < pIn) chars[i] = rng.pick([...mates]);
      else if (u < pIn + other) chars[i] = otherCharacter(rng, ch + mates);
      else continue;
      substitutions += 1;
    }
  }
  let lengthChanged = false;
  if (o.dropInsertRate > 0 && rng.chance(o.dropInsertRate)) {
    lengthChanged = true;
    if (rng.chance(0.5)) {
      const positions = chars.flatMap((ch, i) => (ch === ' ' ? [] : [i]));
      chars.splice(rng.pick(positions), 1);
    } else {
      chars.splice(rng.int(0, chars.length), 0, otherCharacter(rng, ' '));
    }
  }
  return { plate: chars.join('').replace(/ +/g, ' ').trim(), substitutions, lengthChanged };
}

/** Any letter or digit not in `excluded`. */
function otherCharacter(rng: Rng, excluded: string): string {
  for (;;) {
    const ch = ALPHANUMERIC[rng.int(0, ALPHANUMERIC.length - 1)]!;
    if (!excluded.includes(ch)) return ch;
  }
}
