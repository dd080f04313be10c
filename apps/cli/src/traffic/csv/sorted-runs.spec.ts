import { type PlateRead } from '@uamd/domain';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { SortedRuns } from './sorted-runs';

const read = (eventId: string) => ({ eventId }) as PlateRead;
const runDirs = () =>
  readdirSync(tmpdir())
    .filter((d) => d.startsWith('uamd-import-'))
    .sort();

describe('reads sorted in runs on disk', () => {
  it('given reads in any order and runs of three, then they come by delivery time, ties in file order, and the runs are removed', () => {
    const before = runDirs();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 40 }), (times) => {
        const runs = new SortedRuns(3);
        times.forEach((at, line) => runs.add(line, { deliverAt: at, read: read(`e${line}`) }));
        const expected = times
          .map((at, line) => ({ at, line }))
          .sort((a, b) => a.at - b.at || a.line - b.line)
          .map(({ at, line }) => [at, `e${line}`]);
        expect([...runs.sorted()].map((r) => [r.deliverAt, r.read.eventId])).toEqual(expected);
      }),
      { numRuns: 100 },
    );
    expect(runDirs()).toEqual(before);
  });

  it('given the reading left half-way, then the runs are removed too', () => {
    const before = runDirs();
    const runs = new SortedRuns(2);
    for (let i = 0; i < 10; i++) runs.add(i, { deliverAt: 10 - i, read: read(`e${i}`) });
    for (const r of runs.sorted()) {
      expect(r.deliverAt).toBe(1);
      break;
    }
    expect(runDirs()).toEqual(before);
  });
});
