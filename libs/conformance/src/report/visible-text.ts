/**
 * Characters a reader cannot see but that change what they read: controls (including the
 * terminal's ESC), format characters (bidi overrides and isolates, zero-width spaces and
 * joiners, the BOM, soft hyphens, tag characters), line and paragraph separators, and lone
 * surrogates. A partner's plate text or reason is shown as it was sent, so these are shown too.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

/** `⟨U+202E⟩` for one invisible character: its code point, so the reader can look it up. */
export function codePointMarker(char: string): string {
  const hex = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `⟨U+${hex}⟩`;
}

/** The text with every invisible character replaced by its visible marker. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, codePointMarker);
}

/** The text as runs of plain text and single invisible characters, in order. */
export function splitInvisible(text: string): { text: string; invisible: boolean }[] {
  const parts: { text: string; invisible: boolean }[] = [];
  let from = 0;
  for (const match of text.matchAll(INVISIBLE)) {
    if (match.index > from) parts.push({ text: text.slice(from, match.index), invisible: false });
    parts.push({ text: match[0], invisible: true });
    from = match.index + match[0].length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), invisible: false });
  return parts;
}
