import { escapeHtml, htmlText } from './html-text';
import { splitInvisible, visibleText } from './visible-text';

describe('visibleText', () => {
  it.each([
    ['right-to-left override', 'A\u202EB', 'A⟨U+202E⟩B'],
    ['bidi isolate and pop', '\u2067x\u2069', '⟨U+2067⟩x⟨U+2069⟩'],
    ['zero-width space and joiner', 'AA\u200B12\u200D', 'AA⟨U+200B⟩12⟨U+200D⟩'],
    ['byte-order mark', '\uFEFFMRN', '⟨U+FEFF⟩MRN'],
    ['terminal escape', '\u001b[31m', '⟨U+001B⟩[31m'],
    ['newline and tab', 'a\nb\tc', 'a⟨U+000A⟩b⟨U+0009⟩c'],
    ['C1 control', 'x\u0085y', 'x⟨U+0085⟩y'],
    ['line separator', 'x\u2028y', 'x⟨U+2028⟩y'],
    ['tag character beyond the BMP', 'x\u{E0041}', 'x⟨U+E0041⟩'],
    ['lone surrogate', 'x\uD800', 'x⟨U+D800⟩'],
  ])('given a %s, then it is shown by code point', (_, text, shown) => {
    expect(visibleText(text)).toBe(shown);
  });

  it('given Cyrillic and Romanian plate text and a plain space, then it is left as it is', () => {
    const text = 'АА 1234 ВВ · Ștefan cel Mare · Її Єє';
    expect(visibleText(text)).toBe(text);
  });

  it('given mixed text, then the runs concatenate back to it with only the invisible ones flagged', () => {
    const parts = splitInvisible('ab\u202Ecd\u200B');
    expect(parts).toEqual([
      { text: 'ab', invisible: false },
      { text: '\u202E', invisible: true },
      { text: 'cd', invisible: false },
      { text: '\u200B', invisible: true },
    ]);
  });
});

describe('escapeHtml / htmlText', () => {
  it('given markup and both quotes, then none survives as markup, in text or attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('given an invisible character, then text content marks it apart and an attribute gets the bare marker', () => {
    expect(htmlText('a<\u202E')).toBe('a&lt;<span class="invisible">⟨U+202E⟩</span>');
    expect(escapeHtml('a<\u202E')).toBe('a&lt;⟨U+202E⟩');
  });
});
