import { AvroCodec } from '@uamd/codec';
import {
  exchanged,
  exchangedAll,
  observedTraffic,
  runCheck,
  withData,
} from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { firstOf, overCleanTraffic } from './field-testing';
import { PlateCharactersCheck, plateProblems } from './plate-characters.check';

describe('TC-FIELD-2 plate characters', () => {
  it.each([
    ['tiny', 7],
    ['demo', 42],
  ])(
    'given clean %s traffic (Latin, Cyrillic and mixed reads), then every plate passes',
    (name, seed) => {
      const { result, applicable } = overCleanTraffic(
        new PlateCharactersCheck(DEFAULT_CHECK_OPTIONS),
        name,
        seed,
        ['PlateRead', 'CustomsDeclaration'],
      );
      expect([result.verdict, result.violations]).toEqual(['pass', 0]);
      expect(result.checked).toBe(applicable);
    },
  );

  it.each([
    ['Latin with spaces', 'AB 1234 KC'],
    ['Cyrillic', 'АВ 1234 КС'],
    ['mixed scripts', 'AВ1234KС'],
    ['hyphens', 'B-123-ABC'],
  ])('given a plate in %s, then it passes', (_, text) => {
    expect(plateProblems('plateText', text)).toEqual([]);
  });

  it.each([
    [
      'zero-width space',
      'AB\u200B1234KC',
      "'AB{U+200B}1234KC' has U+200B (a zero-width character)",
    ],
    ['bidi override', '\u202EAB1234KC', "'{U+202E}AB1234KC' has U+202E (a bidirectional control)"],
    ['tab', 'AB\t1234', "'AB{U+0009}1234' has U+0009 (a control character)"],
    ['no-break space', 'AB\u00A01234', "'AB{U+00A0}1234' has U+00A0 (a space other than U+0020)"],
    [
      'Cyrillic not on UA plates',
      'ДА 1234 КС',
      "'{U+0414}А 1234 КС' has U+0414 (a Cyrillic letter not used on Ukrainian plates)",
    ],
    ['Greek lookalike', '\u0391B 1234', "'{U+0391}B 1234' has U+0391 (a letter of another script)"],
    ['accented Latin', 'ÄB 1234', "'{U+00C4}B 1234' has U+00C4 (a Latin letter outside A–Z)"],
    ['full-width digit', 'AB １234', "'AB {U+FF11}234' has U+FF11 (a digit outside 0–9)"],
    ['dot', 'AB.1234', "'AB.1234' has U+002E (a symbol not used on plates)"],
    ['lone surrogate', 'AB\uD800', "'AB{U+D800}' has U+D800 (a lone surrogate)"],
  ])('given a plate with a %s, then the character is named by code point', (_, text, reason) => {
    expect(plateProblems('plateText', text)).toEqual([
      `plateText ${reason}: not a plate character`,
    ]);
  });

  it('given an empty, a blank, an over-long and a lower-case plate, then each says what is wrong', () => {
    expect(plateProblems('plateText', '')).toEqual(['plateText is empty']);
    expect(plateProblems('plateText', ' - ')).toEqual([
      "plateText ' - ' has only separators, no letter or digit",
    ]);
    expect(plateProblems('plateText', 'A'.repeat(36))).toEqual([
      `plateText '${'A'.repeat(36)}' has 36 characters, more than 35`,
    ]);
    expect(plateProblems('trailerPlate', 'abcdefg 1')).toEqual([
      "trailerPlate 'abcdefg 1' has U+0061 (a lower-case letter), U+0062 (a lower-case letter), U+0063 (a lower-case letter), U+0064 (a lower-case letter), U+0065 (a lower-case letter), 2 more: not plate characters",
    ]);
  });

  const events = observedTraffic();
  const read = firstOf(events, 'PlateRead');
  const declaration = firstOf(events, 'CustomsDeclaration');

  it('given spoilt reads and declarations on the wire, then each message is one violation naming every field', () => {
    const result = runCheck(
      new PlateCharactersCheck(DEFAULT_CHECK_OPTIONS),
      exchangedAll([
        withData(read, { plateText: 'AB\u200B1234KC' }),
        withData(read, { plateNationality: 'ua' }),
        withData(read, { plateNationality: null }),
        withData(declaration, { tractorPlate: 'AB\t1234KC', trailerPlate: '\u0000' }),
        withData(declaration, { trailerPlate: null }),
        withData(read, { plateText: 'AB\uDC00' }),
        withData(read, { plateText: 'AB\uFFFD' }),
        read,
        declaration,
      ]),
    );
    // The lone surrogate goes out as invalid UTF-8, which TC-FRAME-1 refuses: not counted here.
    expect(result.checked).toBe(8);
    expect(result.violations).toBe(4);
    expect(result.samples.map((s) => [s.position, s.reason])).toEqual([
      [
        'record 1',
        "plateText 'AB{U+200B}1234KC' has U+200B (a zero-width character): not a plate character",
      ],
      ['record 2', "plateNationality 'ua' is not 1–3 Latin capitals"],
      [
        'record 4',
        "tractorPlate 'AB{U+0009}1234KC' has U+0009 (a control character): not a plate character; trailerPlate '{U+0000}' has U+0000 (a control character): not a plate character",
      ],
      [
        'record 7',
        "plateText 'AB{U+FFFD}' has U+FFFD (a symbol not used on plates): not a plate character",
      ],
    ]);
  });

  it('given a decoded read whose text holds a lone surrogate, then the surrogate is named', () => {
    const record = exchanged(read, 'record 1');
    const check = new PlateCharactersCheck(DEFAULT_CHECK_OPTIONS);
    const { schemaId } = AvroCodec.load().decodeInput(record.value);
    const event = {
      type: 'PlateRead' as const,
      data: { ...read.event.data, plateText: 'X\uD83D' },
    };
    check.observe({ ...record, decoded: { schemaId, event } });
    expect(check.finish().samples.map((s) => s.reason)).toEqual([
      "plateText 'X{U+D83D}' has U+D83D (a lone surrogate): not a plate character",
    ]);
  });
});
