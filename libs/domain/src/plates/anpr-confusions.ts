/**
 * Characters number-plate cameras confuse with each other (docs/domain.md "Licence plates"), after
 * Cyrillic lookalikes were folded to Latin. The classes are disjoint: a character belongs to
 * at most one. Used by the generator to misread realistically and by the matcher to price a
 * substitution inside a class lower than any other.
 */
export const CONFUSION_CLASSES: readonly string[] = [
  '0ODQ',
  '1I',
  '2Z',
  '5S',
  '8B',
  '6G',
  'HKMN',
  'EFP',
  'VYT',
];

const CLASS_OF: ReadonlyMap<string, number> = new Map(
  CONFUSION_CLASSES.flatMap((members, index) => [...members].map((ch) => [ch, index] as const)),
);

/** Class index by char code for the ASCII range (the matcher's hot loop), -1 for none. */
const ASCII_CLASS = new Int8Array(128).fill(-1);
for (const [ch, index] of CLASS_OF) ASCII_CLASS[ch.charCodeAt(0)] = index;

/** The class index of a character, or -1 when cameras do not usually confuse it. */
export function confusionClassOf(ch: string): number {
  const code = ch.charCodeAt(0);
  return code < 128 ? ASCII_CLASS[code]! : (CLASS_OF.get(ch) ?? -1);
}

/** Whether two different character codes are a typical camera confusion (ASCII fast path). */
export function areConfusableCodes(a: number, b: number): boolean {
  if (a < 128 && b < 128) {
    const index = ASCII_CLASS[a]!;
    return index >= 0 && index === ASCII_CLASS[b];
  }
  return areConfusable(String.fromCharCode(a), String.fromCharCode(b));
}

/** Other members of the character's class (empty when it has none). */
export function confusablesOf(ch: string): string {
  const index = confusionClassOf(ch);
  return index < 0 ? '' : CONFUSION_CLASSES[index]!.replace(ch, '');
}

/** Whether two different characters are a typical camera confusion. */
export function areConfusable(a: string, b: string): boolean {
  const index = confusionClassOf(a);
  return index >= 0 && index === confusionClassOf(b);
}

/** Every character replaced by the first member of its class: two reads that differ only by typical confusions fold equal. */
export function foldConfusions(plate: string): string {
  let out = '';
  for (const ch of plate) {
    const index = confusionClassOf(ch);
    out += index < 0 ? ch : CONFUSION_CLASSES[index]![0]!;
  }
  return out;
}
