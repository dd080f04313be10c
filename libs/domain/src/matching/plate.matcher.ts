import { type Country, type VehicleCategory } from '../events/input-events';
import { foldConfusions } from '../plates/anpr-confusions';
import { probableNationality } from '../plates/plate-formats';
import { crossingPoint, otherCountry } from '../posts/border-posts.registry';
import { type BlockKey, type PendingRead } from './partition-state';
import { DEFAULT_EDIT_COSTS, plateDistance, type EditCosts } from './plate-similarity';

/**
 * How two plate reads are compared. The decider (`reconcile`) owns time windows, duplicates and
 * the assignment between competing candidates; a matcher only says which reads to compare
 * (blocking keys) and what pairing them costs.
 */
export interface PlateMatcher {
  readonly name: string;
  /** Blocking keys: two reads are compared only when they share one. Never a scan of all pending reads. */
  keysOf(read: PendingRead): readonly BlockKey[];
  /** Cost of taking the two reads for the same vehicle (0 = identical), `Infinity` when implausible. */
  pairCost(a: PendingRead, b: PendingRead): number;
}

export function exitCountryOf(read: PendingRead): Country {
  return read.direction === 'EXIT' ? read.country : otherCountry(read.country);
}

/** Is `entry` a plausible continuation of `exit` in time (exit capture + transit window, widened by clock skew)? */
export function inTransitWindow(
  exit: PendingRead,
  entry: PendingRead,
  clockSkewMs: number,
): boolean {
  const window = crossingPoint(exit.crossingPoint).transit[exit.country];
  const transit = entry.captureTime - exit.captureTime;
  return (
    transit >= window.minMinutes * 60_000 - clockSkewMs &&
    transit <= window.maxMinutes * 60_000 + clockSkewMs
  );
}

const blockPrefix = (read: PendingRead) => `${read.crossingPoint}|${exitCountryOf(read)}|`;

/** The naive baseline: equal normalised plates (Cyrillic/Latin folded, separators stripped) or nothing. */
export const exactPlateMatcher: PlateMatcher = {
  name: 'exact-plate',
  keysOf(read) {
    return [blockPrefix(read) + read.plate];
  },
  pairCost(a, b) {
    return a.plate === b.plate ? 0 : Infinity;
  },
};

export interface AnprMatcherConfig {
  edits: EditCosts;
  /** Highest plate distance accepted between two confident reads. */
  baseLimit: number;
  /** Added to the limit per unit of missing OCR confidence (of the less confident read). */
  confidenceSlack: number;
  /** Added when the two reads give different nationalities (stated or probable from the format). */
  nationalityMismatch: number;
  /** Added for a category pair cameras often confuse (car/van, truck/bus), and for any other pair. */
  categoryNear: number;
  categoryFar: number;
}

export const DEFAULT_ANPR_MATCHER_CONFIG: AnprMatcherConfig = {
  edits: DEFAULT_EDIT_COSTS,
  baseLimit: 1.5,
  confidenceSlack: 2.5,
  nationalityMismatch: 0.5,
  categoryNear: 0.4,
  categoryFar: 1,
};

/** Car/van and truck/bus, either way round (compared, not looked up: no key string per pair priced). */
const isNearCategory = (a: VehicleCategory, b: VehicleCategory) =>
  (a === 'CAR' && b === 'VAN') ||
  (a === 'VAN' && b === 'CAR') ||
  (a === 'TRUCK' && b === 'BUS') ||
  (a === 'BUS' && b === 'TRUCK');

function categoryCost(a: VehicleCategory, b: VehicleCategory, c: AnprMatcherConfig): number {
  if (a === b || a === 'UNKNOWN' || b === 'UNKNOWN') return 0;
  return isNearCategory(a, b) ? c.categoryNear : c.categoryFar;
}

// Cached on the read (plain fields: a WeakMap of every pending read costs far more in GC).
function keysOfRead(read: PendingRead): readonly BlockKey[] {
  return (read.derivedKeys ??= anprKeys(read));
}

/** The stated nationality, else the probable one from the plate format (computed only when a pair is priced). */
function nationalityOf(read: PendingRead): string | null {
  if (read.nationality !== null) return read.nationality;
  if (read.derivedNationality === undefined)
    read.derivedNationality = probableNationality(read.plate);
  return read.derivedNationality;
}

/** Base-37 digit of each ASCII character after folding by confusion class (1–26 letters, 27–36 digits, 0 other). */
const FOLDED_DIGIT = new Uint8Array(128);
for (let code = 48; code <= 90; code++) {
  const folded = foldConfusions(String.fromCharCode(code)).charCodeAt(0);
  if (folded >= 65 && folded <= 90) FOLDED_DIGIT[code] = folded - 64;
  else if (folded >= 48 && folded <= 57) FOLDED_DIGIT[code] = folded - 21;
}

const B4 = 37 ** 4;

/**
 * Blocking for reads with a misread on each side. The plate is folded by confusion class (so
 * 0/O/D or 8/B never split a block), cut into four anchored segments (first two characters, the
 * next two, two before the last two, the last two; the end segments are anchored to the end so a
 * dropped character shifts only one side), and every pair of segments is a key. Guaranteed to
 * share a key: an 8-character plate with one misread outside the classes on each side, or one
 * dropped character on either. Not guaranteed (rare, and counted in the evaluation): a drop on
 * one side plus an outside-class misread on the other, or two outside-class misreads on a
 * plate of 6 or 7 characters, when they spoil all but one segment.
 *
 * Keys are packed into integers (post, direction of travel, segment pair, four base-37
 * characters): a fresh string key per read cost more to hash than all the matching after it.
 */
function anprKeys(read: PendingRead): number[] {
  const f = read.plate;
  const n = f.length;
  const base =
    (crossingPoint(read.crossingPoint).index * 2 + (exitCountryOf(read) === 'UA' ? 0 : 1)) * 7;
  if (n < 5) {
    let packed = 0;
    for (let i = 0; i < 4; i++) packed = packed * 37 + foldedDigit(f, i);
    return [(base + 6) * B4 + packed];
  }
  // Written out rather than looped: one array of exactly the six keys, nothing else built per read.
  const s0 = segment(f, 0);
  const s1 = segment(f, 2);
  const s2 = segment(f, n - 4);
  const s3 = segment(f, n - 2);
  return [
    pairKey(base, 0, s0, s1),
    pairKey(base, 1, s0, s2),
    pairKey(base, 2, s0, s3),
    pairKey(base, 3, s1, s2),
    pairKey(base, 4, s1, s3),
    pairKey(base, 5, s2, s3),
  ];
}

/** The folded base-37 digit of the plate's character at `i` (0 past either end). */
function foldedDigit(plate: string, i: number): number {
  const c = i >= 0 && i < plate.length ? plate.charCodeAt(i) : 128;
  return c < 128 ? FOLDED_DIGIT[c]! : 0;
}

/** The two characters from `start`, as one base-37 number. */
const segment = (plate: string, start: number) =>
  foldedDigit(plate, start) * 37 + foldedDigit(plate, start + 1);

/** The key of segment pair number `pair` (the pairs in order 01 02 03 12 13 23). */
const pairKey = (base: number, pair: number, first: number, second: number) =>
  (base + pair) * B4 + first * 1369 + second;

/**
 * The noise-tolerant matcher: weighted edit distance with ANPR confusion prices, a limit that
 * grows as OCR confidence falls, and penalties for disagreeing nationality and category.
 * The README ("How a crossing is scored") explains the figures.
 */
export function anprPlateMatcher(
  config: AnprMatcherConfig = DEFAULT_ANPR_MATCHER_CONFIG,
): PlateMatcher {
  return {
    name: 'anpr',
    keysOf: keysOfRead,
    pairCost(a, b) {
      const limit =
        config.baseLimit + (1 - Math.min(a.confidence, b.confidence, 1)) * config.confidenceSlack;
      const natA = nationalityOf(a);
      const natB = natA === null ? null : nationalityOf(b);
      const extra =
        (natA !== null && natB !== null && natA !== natB ? config.nationalityMismatch : 0) +
        categoryCost(a.category, b.category, config);
      if (extra > limit) return Infinity;
      return plateDistance(a.plate, b.plate, limit - extra, config.edits) + extra;
    },
  };
}

export const defaultPlateMatcher: PlateMatcher = anprPlateMatcher();
