import { ListedRows, printable } from './listed-rows';

describe('rows listed in a report', () => {
  it('given more rows than the listing holds, then the first are listed and all counted, long reasons cut', () => {
    const rows = new ListedRows(3);
    for (let line = 1; line <= 10; line++)
      rows.add(line, line === 2 ? 'x'.repeat(10_000) : `r${line}`);
    expect(rows.count).toBe(10);
    expect(rows.listed.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(rows.listed[1]!.reason).toHaveLength(501);
  });

  it('given a reason quoting control or bidirectional characters from the file, then they are named, not printed', () => {
    expect(printable('got "\u001b[31mred\u202e\r\n"')).toBe(
      'got "\\u001b[31mred\\u202e\\u000d\\u000a"',
    );
  });
});
