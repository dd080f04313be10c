import { notPrintableReason } from './printable-text';

describe('notPrintableReason: text fields carry printable, well-formed text only', () => {
  it.each([
    ['Latin', 'Wine of fresh grapes, in bottles'],
    ['Cyrillic and Romanian', 'Вино з винограду; vin din struguri proaspeți'],
    ['an emoji (a surrogate pair)', 'flowers 💐'],
    ['spaces', 'a  b'],
  ])('accepts %s', (_name, text) => {
    expect(notPrintableReason(text)).toBeNull();
  });

  it.each([
    [
      'a lone high surrogate',
      'AA\uD800BC',
      'U+D800 (a lone surrogate, not well-formed UTF-16) at index 2',
    ],
    [
      'a lone low surrogate',
      '\uDC00',
      'U+DC00 (a lone surrogate, not well-formed UTF-16) at index 0',
    ],
    ['NUL', 'AA\u0000', 'U+0000 (a control character) at index 2'],
    ['BEL', '\u0007AA', 'U+0007 (a control character) at index 0'],
    ['CR', 'A\rB', 'U+000D (a control character) at index 1'],
    ['LF', 'A\nB', 'U+000A (a control character) at index 1'],
    ['a tab', 'A\tB', 'U+0009 (a control character) at index 1'],
    ['DEL', 'A\u007F', 'U+007F (a control character) at index 1'],
    ['a C1 control', 'A\u0085', 'U+0085 (a control character) at index 1'],
    ['a zero-width space', 'A\u200BB', 'U+200B (a zero-width character) at index 1'],
    ['a zero-width joiner', 'A\u200DB', 'U+200D (a zero-width character) at index 1'],
    ['a byte-order mark', '\uFEFFA', 'U+FEFF (a zero-width character) at index 0'],
    ['a right-to-left override', '\u202EAB', 'U+202E (a bidirectional control) at index 0'],
    ['a left-to-right mark', 'A\u200E', 'U+200E (a bidirectional control) at index 1'],
    ['a soft hyphen', 'A\u00ADB', 'U+00AD (a format character) at index 1'],
    ['a line separator', 'A\u2028B', 'U+2028 (a line or paragraph separator) at index 1'],
  ])('refuses %s, naming the character and where it is', (_name, text, reason) => {
    expect(notPrintableReason(text)).toBe(`must be printable text: ${reason}`);
  });
});
