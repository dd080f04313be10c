import { readCsvRows } from './csv-rows';
import { MAX_ROW_BYTES } from './import-columns';

const HEADER = 'country,crossing_point,direction,plate,capture_time';
const read = (text: string) => readCsvRows('x.csv', Buffer.from(text));
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
});
