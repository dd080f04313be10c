/**
 * Folds a plate as read by a camera or typed by an officer into a canonical key:
 * Cyrillic letters that look like Latin ones become Latin, separators go, upper case.
 * Ukrainian plates use only the 12 lookalikes А В Е І К М Н О Р С Т Х (docs/domain.md);
 * the extra pairs (У→Y, Ї→I, Ѕ→S, Ј→J) are other Cyrillic lookalikes seen on foreign plates.
 */
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  І: 'I',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ї: 'I',
  Ѕ: 'S',
  Ј: 'J',
};

const SEPARATORS = /[\s\-_.·/\\|]+/g;
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function normalisePlate(text: string): string {
  // Most reads are ASCII: nothing for NFC to compose and no Cyrillic to fold, so only the case
  // and the separators change (the same result without a string built character by character).
  if (isAscii(text)) return text.toUpperCase().replace(SEPARATORS, '');
  const upper = text.normalize('NFC').toUpperCase().replace(SEPARATORS, '');
  let out = '';
  for (const ch of upper) out += CYRILLIC_TO_LATIN[ch] ?? ch;
  return out;
}

/** True when the text mixes Cyrillic and Latin letters (common in ANPR output for UA plates). */
export function isMixedScript(text: string): boolean {
  return /[\u0400-\u04FF]/.test(text) && /[A-Za-z]/.test(text);
}

export const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CYRILLIC_TO_LATIN)
    .filter(([cyr]) => 'АВЕІКМНОРСТХ'.includes(cyr))
    .map(([cyr, lat]) => [lat, cyr]),
);
