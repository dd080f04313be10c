import {
  firstNonPlateCharacter,
  hasPlateSymbol,
  isPlateCharacter,
  PLATE_ALPHABET_DESCRIPTION,
  PLATE_CYRILLIC,
} from './plate-alphabet';

describe('plate alphabet: the characters a plate as read or declared can carry', () => {
  it('holds Latin capitals, digits, the 12 Cyrillic capitals of Ukrainian plates, space and hyphen', () => {
    expect(PLATE_CYRILLIC).toBe('АВЕІКМНОРСТХ');
    expect(PLATE_ALPHABET_DESCRIPTION).toBe('A-Z, 0-9, АВЕІКМНОРСТХ, space, hyphen');
    for (const ch of 'AZ09АХ -') expect(isPlateCharacter(ch)).toBe(true);
  });

  it.each([
    ['lower-case Latin', 'a'],
    ['lower-case Cyrillic', 'а'],
    ['a Cyrillic letter not on Ukrainian plates', 'Д'],
    ['the foreign Cyrillic lookalike У (folded by the normaliser, not a UA plate letter)', 'У'],
    ['a Greek lookalike', '\u0391'],
    ['a dot', '.'],
    ['a tab', '\t'],
    ['NUL', '\u0000'],
    ['a zero-width space', '\u200B'],
    ['a bidi override', '\u202E'],
    ['a no-break space', '\u00A0'],
    ['a lone surrogate', '\uD800'],
    ['an emoji', '🚗'],
  ])('refuses %s', (_name, ch) => {
    expect(isPlateCharacter(ch)).toBe(false);
    expect(firstNonPlateCharacter(`AB${ch}12`)).toBe(ch);
  });

  it('given a clean plate, then no character is outside the alphabet', () => {
    expect(firstNonPlateCharacter('АА 1234 ВС')).toBeNull();
    expect(firstNonPlateCharacter('B-123-ABC')).toBeNull();
  });

  it('given separators only, then there is no letter or digit', () => {
    expect(hasPlateSymbol(' - ')).toBe(false);
    expect(hasPlateSymbol('- 1')).toBe(true);
    expect(hasPlateSymbol('Х')).toBe(true);
  });
});
