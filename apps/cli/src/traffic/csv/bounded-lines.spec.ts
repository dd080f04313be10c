import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boundedLines } from './bounded-lines';
import { type RowLimits } from './file-window';
import { readJsonlRows } from './jsonl-rows';

const dir = mkdtempSync(join(tmpdir(), 'lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (text: string) => {
  const path = join(dir, 'x.jsonl');
  writeFileSync(path, text);
  return path;
};
const lines = (text: string, limits?: RowLimits) => [...boundedLines(file(text), limits)];

describe('lines read through a bounded window', () => {
  it('given lines, a BOM and a last line without newline, then each comes with its number', () => {
    expect(lines('\uFEFFone\r\n\ntwo\nthree')).toEqual([
      { line: 1, text: 'one\r' },
      { line: 2, text: '' },
      { line: 3, text: 'two' },
      { line: 4, text: 'three' },
    ]);
  });

  it('given a line far longer than the limit, then it is reported unread and the count goes on', () => {
    const long = 'x'.repeat(10_000);
    expect(lines(`a\n${long}\nb\n${long}`, { maxRowBytes: 100 })).toEqual([
      { line: 1, text: 'a' },
      { line: 2, tooLong: true, reason: 'longer than 100 bytes' },
      { line: 3, text: 'b' },
      { line: 4, tooLong: true, reason: 'longer than 100 bytes' },
    ]);
  });

  it('given any text, then the lines do not depend on the window', () => {
    const piece = fc.constantFrom('a', 'bbbbbbbbbbbbbbbbbbbbbbbb', '\n', '\r\n', 'é');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.integer({ min: 1, max: 40 }),
        (parts, max) => {
          const text = parts.join('');
          expect(lines(text, { maxRowBytes: max, windowBytes: 0 })).toEqual(
            lines(text, { maxRowBytes: max, windowBytes: 1 << 20 }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('JSON-lines rows', () => {
  it('given a line over the limit and one nested past any parser, then each is a row error of its own line', () => {
    const text = [
      '{"country":"UA"}',
      `{"plate":"${'x'.repeat(5000)}"}`,
      '['.repeat(900),
      '{"country":"MD"}',
    ].join('\n');
    expect([...readJsonlRows(file(text), { maxRowBytes: 1000 })]).toEqual([
      { line: 1, values: { country: 'UA' } },
      { line: 2, reason: 'longer than 1000 bytes' },
      { line: 3, reason: expect.stringMatching(/^not JSON: /) as string },
      { line: 4, values: { country: 'MD' } },
    ]);
  });
});
