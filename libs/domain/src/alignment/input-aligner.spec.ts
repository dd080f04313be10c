import fc from 'fast-check';
import { InputAligner } from './input-aligner';

type Item = { input: number; n: number };

/** Per-input sequences of timestamps, as four topics of one partition would hold them. */
const sequences = fc.array(
  fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 0, maxLength: 30 }),
  { minLength: 4, maxLength: 4 },
);

function releaseAllAtOnce(inputs: number[][]): Item[] {
  const aligner = new InputAligner<Item>(inputs.length);
  inputs.forEach((ts, input) => ts.forEach((t, n) => aligner.push(input, { input, n }, t)));
  return aligner.release().map((r) => r.item);
}

describe('InputAligner', () => {
  it('given heads on every input, releases the smallest (timestamp, input) first', () => {
    const aligner = new InputAligner<string>(3);
    aligner.push(2, 'c5', 5);
    aligner.push(1, 'b5', 5);
    aligner.push(0, 'a7', 7);
    aligner.push(0, 'a9', 9);
    aligner.push(1, 'b9', 9);
    aligner.push(2, 'c8', 8);
    expect(aligner.release().map((r) => r.item)).toEqual(['b5', 'c5', 'a7', 'c8']);
    // a9 waits: input 2 is empty and could still deliver something at 8 or 9 before it.
    expect(aligner.blockedOn()).toEqual([2]);
    aligner.push(2, 'c9', 9);
    expect(aligner.release().map((r) => r.item)).toEqual(['a9']);
    // b9 ties with input 0's latest time, and input 0 ranks first: it could still send a 9.
    expect(aligner.blockedOn()).toEqual([0]);
  });

  it('given an input that stays silent, holds back everything after its last time', () => {
    const aligner = new InputAligner<string>(2);
    aligner.push(0, 'a1', 1);
    aligner.push(0, 'a2', 2);
    expect(aligner.release()).toEqual([]);
    aligner.push(1, 'b1', 1);
    // b1 is known; a2 sorts after input 1's latest time, so only what sorts before it goes.
    expect(aligner.release().map((r) => r.item)).toEqual(['a1', 'b1']);
    expect(aligner.buffered(0)).toBe(1);
  });

  it('given a timestamp that steps back within an input, merges it at that input’s latest time', () => {
    const aligner = new InputAligner<string>(2);
    aligner.push(0, 'a5', 5);
    aligner.push(0, 'a3', 3);
    aligner.push(1, 'b4', 4);
    aligner.push(1, 'b6', 6);
    expect(aligner.release().map((r) => [r.item, r.at])).toEqual([
      ['b4', 4],
      ['a5', 5],
      ['a3', 5],
    ]);
  });

  it('property: any interleaving of pushes and releases gives the same order (seed printed by fast-check on failure)', () => {
    fc.assert(
      fc.property(sequences, fc.array(fc.nat(6), { maxLength: 200 }), (inputs, choices) => {
        const expected = releaseAllAtOnce(inputs);
        const aligner = new InputAligner<Item>(inputs.length);
        const next = inputs.map(() => 0);
        const released: Item[] = [];
        let c = 0;
        const open = () => inputs.flatMap((ts, i) => (next[i]! < ts.length ? [i] : []));
        while (open().length > 0) {
          const choice = choices[c++ % Math.max(1, choices.length)] ?? 0;
          const candidates = open();
          // 4, 5 and 6 release before pushing: fetches and decisions interleave at random.
          if (choice >= 4) released.push(...aligner.release().map((r) => r.item));
          const input = candidates[choice % candidates.length]!;
          const n = next[input]!++;
          aligner.push(input, { input, n }, inputs[input]![n]!);
          expect(expected.slice(0, released.length)).toEqual(released);
        }
        released.push(...aligner.release().map((r) => r.item));
        expect(released).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('property: each input’s own order is kept and the merge times never decrease', () => {
    fc.assert(
      fc.property(sequences, (inputs) => {
        const aligner = new InputAligner<Item>(inputs.length);
        inputs.forEach((ts, input) => ts.forEach((t, n) => aligner.push(input, { input, n }, t)));
        const out = aligner.release();
        for (let i = 1; i < out.length; i++)
          expect(out[i]!.at).toBeGreaterThanOrEqual(out[i - 1]!.at);
        for (let input = 0; input < inputs.length; input++) {
          const ns = out.filter((r) => r.input === input).map((r) => r.item.n);
          expect(ns).toEqual(ns.map((_, k) => k));
        }
      }),
    );
  });
});
