import fc from 'fast-check';
import { CaptureRanks } from './capture-ranks';
import { DeliveredRun } from './delivered-run';
import { ReadsInFlight } from './reads-in-flight';

const GRID = 30_000;

describe('a camera’s reads in flight (what its heartbeats must not vouch for)', () => {
  /** Reads in delivery order: delivery times non-decreasing, captures any time up to delivery. */
  const reads = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 400_000 })), {
      maxLength: 60,
    })
    .map((steps) => {
      let at = 0;
      return steps.map(([gap, delay]) => {
        at += gap;
        return { deliverAt: at, capture: at - delay };
      });
    });

  it('given any reads, then at every heartbeat it gives the earliest capture delivered after it', () => {
    fc.assert(
      fc.property(reads, (list) => {
        const inFlight = new ReadsInFlight(0, GRID);
        for (const r of list) inFlight.add(r.deliverAt, r.capture);
        const last = Math.max(0, ...list.map((r) => r.deliverAt));
        for (let at = 0; at <= last + GRID; at += GRID) {
          const after = list.filter((r) => r.deliverAt > at).map((r) => r.capture);
          const expected = Math.min(at, Math.min(Infinity, ...after) - 1);
          expect(Math.min(at, inFlight.earliestAfter(at) - 1)).toBe(expected);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('given a month of reads each delivered within a second, then nothing is held; reads late by an hour hold one step per heartbeat', () => {
    const prompt = new ReadsInFlight(0, GRID);
    const late = new ReadsInFlight(0, GRID);
    for (let at = 1_000; at < 30 * 86_400_000; at += 7_000) {
      if (at % GRID > 1_000) prompt.add(at, at - 900);
      late.add(at, at - 3_600_000);
    }
    expect(prompt.size).toBe(0);
    expect(late.size).toBeLessThanOrEqual((30 * 86_400_000) / GRID);
  });
});

describe('a camera’s delivered run (the lastSequence its heartbeats vouch for)', () => {
  it('given numbers in any order, then lastSequence is the end of the gap-free run from the lowest', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 5, max: 80 }), { maxLength: 100 }), (numbers) => {
        const run = new DeliveredRun(5);
        const seen = new Set<number>();
        for (const n of numbers) {
          run.deliver(n);
          seen.add(n);
          let last = 4;
          while (seen.has(last + 1)) last++;
          expect(run.lastSequence).toBe(last);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('given a missing number and a million numbers after it, every other one, then the runs held stay at the bound and it never vouches past the hole', () => {
    const run = new DeliveredRun(0, 1024);
    run.deliver(0);
    for (let n = 2; n < 2_000_000; n += 2) run.deliver(n);
    expect(run.runsAhead).toBe(1024);
    expect(run.lastSequence).toBe(0);
    run.deliver(1);
    expect(run.lastSequence).toBe(2);
  });
});

describe('capture ranks (numbering reads delivered out of capture order)', () => {
  it('given captures in file order, then each read’s number is its place in capture order, ties in file order', () => {
    const ranks = new CaptureRanks();
    const captures = [50, 10, 50, 30, 10];
    for (const c of captures) ranks.note('UA-1-EXIT-L1', c);
    ranks.note('MD-1-ENTRY-L1', 7);
    expect(captures.map(() => ranks.next('UA-1-EXIT-L1'))).toEqual([3, 0, 4, 2, 1]);
    expect(ranks.next('MD-1-ENTRY-L1')).toBe(0);
    expect(() => ranks.next('MD-1-ENTRY-L1')).toThrow('no read left');
  });
});
