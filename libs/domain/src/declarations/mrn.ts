/**
 * Movement Reference Number: 2-digit year, 2-letter country, 12 alphanumerics, a
 * procedure letter J–M, and a check character computed with the ISO 6346 algorithm
 * over the first 17 characters (docs/domain.md).
 */
const MRN_SHAPE = /^[0-9]{2}[A-Z]{2}[A-Z0-9]{12}[J-M][A-Z0-9]$/;

/** ISO 6346 letter values: A=10, skipping multiples of 11. */
function countedValue(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  let value = 10;
  for (let c = 65; c < ch.charCodeAt(0); c++) {
    value++;
    if (value % 11 === 0) value++;
  }
  return value;
}

/** The values of 0–9 and A–Z, counted once: every declaration's MRN is checked on input. */
const VALUES = new Map(
  [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((ch) => [ch, countedValue(ch)] as const),
);

const charValue = (ch: string) => VALUES.get(ch) ?? countedValue(ch);

export function mrnCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < first17.length; i++) sum += charValue(first17[i]!) * 2 ** i;
  return String((sum % 11) % 10);
}

export type MrnProblem = 'FORMAT' | 'CHECK_CHARACTER';

export function checkMrn(mrn: string): MrnProblem | null {
  if (!MRN_SHAPE.test(mrn)) return 'FORMAT';
  return mrnCheckCharacter(mrn.slice(0, 17)) === mrn[17] ? null : 'CHECK_CHARACTER';
}

export function makeMrn(
  year2: string,
  country: string,
  body12: string,
  procedure: 'J' | 'K' | 'L' | 'M',
): string {
  const first17 = `${year2}${country}${body12}${procedure}`;
  return first17 + mrnCheckCharacter(first17);
}
