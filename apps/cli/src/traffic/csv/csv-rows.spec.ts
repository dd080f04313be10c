import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvRows } from './csv-rows';
import { type RowLimits } from './file-window';
import { MAX_ROW_BYTES } from './import-columns';
import { isRowError, type PartnerRow, type RowError } from './partner-rows';
import { writeFilled } from '../testing/filled-file';

const HEADER = 'country,crossing_point,direction,plate,capture_time';
const dir = mkdtempSync(join(tmpdir(), 'csv-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The rows and row errors of a file holding `text`, named x.csv in messages. */
function read(text: string, limits?: RowLimits): { rows: PartnerRow[]; errors: RowError[] } {
  const file = join(dir, 'x.csv');
  writeFileSync(file, text);
  return readFile(file, limits);
}

function readFile(file: string, limits?: RowLimits): { rows: PartnerRow[]; errors: RowError[] } {
  const rows: PartnerRow[] = [];
  const errors: RowError[] = [];
  try {
    for (const item of readCsvRows(file, limits)) {
      if (isRowError(item)) errors.push(item);
      else rows.push(item);
    }
  } catch (error) {
    throw new Error((error as Error).message.replaceAll(file, 'x.csv'));
  }
  return { rows, errors };
}
const plates = (text: string) => read(text).rows.map((r) => [r.line, r.values.plate]);

describe('CSV rows of a partner export', () => {
  it('given RFC 4180 quoting, a BOM and CRLF lines, then cells come out as written, trimmed, blank ones left out', () => {
    const text = `\uFEFF${HEADER}\r\nUA,p,EXIT," AA, ""12"" ",1\r\n\r\nMD,p,ENTRY,"two\r\nlines",2\r\nUA,p,EXIT,BB,\r\n`;
    const { rows, errors } = read(text);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        values: {
          country: 'UA',
          crossing_point: 'p',
          direction: 'EXIT',
          plate: 'AA, "12"',
          capture_time: '1',
        },
      },
      {
        line: 4,
        values: {
          country: 'MD',
          crossing_point: 'p',
          direction: 'ENTRY',
          plate: 'two\r\nlines',
          capture_time: '2',
        },
      },
      { line: 6, values: { country: 'UA', crossing_point: 'p', direction: 'EXIT', plate: 'BB' } },
    ]);
  });

  it('given a row csv-parse cannot read, then it is a row error at its line and every row after it is still read', () => {
    const text = [
      HEADER,
      'UA,p,EXIT,A1,1',
      'UA,p,EXIT,"A2"x,2',
      'UA,p,EXIT,A3,3',
      'UA,p,EXIT,"A4,4',
      'UA,p,EXIT,A5,5',
    ].join('\n');
    const { rows, errors } = read(text);
    expect(rows.map((r) => [r.line, r.values.plate])).toEqual([
      [2, 'A1'],
      [4, 'A3'],
      [6, 'A5'],
    ]);
    expect(errors).toEqual([
      { line: 3, reason: 'text after a closing quote (a " inside a quoted cell is written "")' },
      // Its quote swallows the rest of the file; reading starts again on the next line.
      { line: 5, reason: 'a quoted cell is never closed (a " without its closing ")' },
    ]);
  });

  it('given a line over 1 MiB, then it is refused unread as a row error and the next line is read', () => {
    const text = [HEADER, `UA,p,EXIT,${'X'.repeat(MAX_ROW_BYTES + 10)},1`, 'UA,p,EXIT,A3,3'].join(
      '\n',
    );
    expect(read(text).errors).toEqual([{ line: 2, reason: 'longer than 1 MiB' }]);
    expect(plates(text)).toEqual([[3, 'A3']]);
  });

  it('given a row whose cells do not fit the header, then it is a row error; a row of blank cells is no row', () => {
    const { rows, errors } = read(
      [HEADER, 'UA,p,EXIT,A1,1,extra', ' , ,,,', 'UA,p,EXIT'].join('\n'),
    );
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      { line: 2, reason: '6 cells, the header has 5' },
      { line: 4, reason: '3 cells, the header has 5' },
    ]);
  });

  it('given a header of more than 64 columns, then the file is refused without listing them', () => {
    const header = Array.from({ length: 65 }, (_, i) => `c${i}`).join(',');
    expect(() => read(header)).toThrow('x.csv:1: the header has 65 columns, more than 64');
  });

  it('given a header naming a column twice or case-mixed, then twice is refused and case is ignored', () => {
    expect(() => read(`${HEADER},Plate`)).toThrow('x.csv:1: column(s) plate given twice');
    expect(plates(`${HEADER.toUpperCase()}\nUA,p,EXIT,A1,1`)).toEqual([[2, 'A1']]);
  });

  it('given a file with nothing in it, then it is refused as having no header', () => {
    expect(() => read('\n\n')).toThrow('x.csv: empty (no header row)');
  });

  describe('given what no partner export holds', () => {
    function hostile(head: string, fill: string, bytes: number, tail: string): string {
      const file = join(dir, 'hostile.csv');
      writeFilled(file, head, fill, bytes, tail);
      return file;
    }

    it('given a 20 MB line with no newline in it, then it is one row error naming its line, and the row after it is read', () => {
      const file = hostile(
        `${HEADER}\nUA,p,EXIT,A1,1\nUA,p,EXIT,`,
        'X',
        20 << 20,
        '\nUA,p,EXIT,A4,4',
      );
      const { rows, errors } = readFile(file);
      expect(errors).toEqual([{ line: 3, reason: 'longer than 1 MiB' }]);
      expect(rows.map((r) => [r.line, r.values.plate])).toEqual([
        [2, 'A1'],
        [4, 'A4'],
      ]);
    });

    it('given a header of a million columns (under 1 MiB), then it is refused by count, and a longer one as too long', () => {
      const million = hostile('country', ',', 999_999, '\nUA,p,EXIT,A1,1\n');
      expect(() => readFile(million)).toThrow(
        /x\.csv:1: the header has 1000000 columns, more than 64/,
      );
      const longer = hostile('country', ',', 2 << 20, '\n');
      expect(() => readFile(longer)).toThrow(
        /x\.csv:1: the header row cannot be read: longer than 1 MiB/,
      );
    });

    it('given a row of 100,000 cells, then it is a row error saying how many, and reading goes on', () => {
      const { rows, errors } = read(
        `${HEADER}\nUA,p,EXIT,A1,1${','.repeat(99_995)}\nUA,p,EXIT,A3,3`,
      );
      expect(errors).toEqual([{ line: 2, reason: '100000 cells, the header has 5' }]);
      expect(rows.map((r) => r.line)).toEqual([3]);
    });

    it('given a quoted cell running on over many lines past the limit, then reading starts again at its second line', () => {
      const limits = { maxRowBytes: 64 };
      const text = [HEADER, `UA,p,EXIT,"open${'\nmore text'.repeat(20)}`, 'UA,p,EXIT,A9,9'].join(
        '\n',
      );
      const { rows, errors } = read(text, limits);
      expect(errors[0]).toEqual({ line: 2, reason: 'longer than 64 bytes' });
      // Its lines after the first are rows of their own now, each refused for its cells.
      expect(errors.slice(1).map((e) => e.line)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 3),
      );
      expect(rows.map((r) => [r.line, r.values.plate])).toEqual([[23, 'A9']]);
    });

    it('given ten thousand lines of broken quotes, then each is its own row error, in order', () => {
      const { rows, errors } = read(`${HEADER}\n${'junk,"x\n'.repeat(10_000)}UA,p,EXIT,A1,1`);
      expect(errors).toHaveLength(10_000);
      expect(errors.map((e) => e.line)).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 2));
      expect(rows.map((r) => r.line)).toEqual([10_002]);
    });

    it('given any text, then the rows do not depend on the window the file is read through', () => {
      const piece = fc.constantFrom(
        'a',
        'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
        ',',
        '"',
        '""',
        '\n',
        '\r\n',
        ' ',
        'é',
        'x"y',
      );
      fc.assert(
        fc.property(
          fc.array(piece, { maxLength: 60 }),
          fc.integer({ min: 0, max: 40 }),
          (parts, extra) => {
            const text = `${HEADER}\n${parts.join('')}`;
            const maxRowBytes = HEADER.length + extra;
            const smallest = () => read(text, { maxRowBytes, windowBytes: 0 });
            const large = () => read(text, { maxRowBytes, windowBytes: 1 << 20 });
            expect(smallest()).toEqual(large());
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
