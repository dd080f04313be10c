/**
 * Characters no text field of the exchange carries: lone surrogates (not well-formed UTF-16, so
 * not encodable as UTF-8: the codec refuses them and a consumer would dead-letter them), control
 * characters (NUL, BEL, tab, CR, LF, …), format characters (zero-width, bidirectional controls,
 * the byte-order mark, soft hyphen) and the Unicode line and paragraph separators. Each makes two
 * texts that look the same compare unequal, or a log line or a report show something else.
 */
const NOT_PRINTABLE = /[\p{Cs}\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
const BIDI = new Set([
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

/** `U+200B`: how a character is named in a message, visible whatever it is. */
export function codePointName(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why the text is not printable text (its first offending character, named), or null when it is. */
export function notPrintableReason(text: string): string | null {
  const found = NOT_PRINTABLE.exec(text);
  if (found === null) return null;
  const ch = found[0];
  return `must be printable text: ${codePointName(ch)} (${kindOf(ch)}) at index ${found.index}`;
}

function kindOf(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (/\p{Cs}/u.test(ch)) return 'a lone surrogate, not well-formed UTF-16';
  if (/\p{Cc}/u.test(ch)) return 'a control character';
  if (ZERO_WIDTH.has(cp)) return 'a zero-width character';
  if (BIDI.has(cp)) return 'a bidirectional control';
  if (/\p{Cf}/u.test(ch)) return 'a format character';
  return 'a line or paragraph separator';
}
