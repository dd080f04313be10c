import { progressBar, progressLine } from './progress';

describe('progress display', () => {
  it('draws a bar with share, counts, rate and ETA', () => {
    expect(progressBar({ done: 25_000, total: 100_000, elapsedSeconds: 1 }, 10)).toBe(
      '[###-------]  25%  25,000/100,000  25,000/s  ETA 3 s',
    );
    expect(progressBar({ done: 10, total: 10, elapsedSeconds: 2 }, 4)).toBe(
      '[####] 100%  10/10  5/s  ETA 0 s',
    );
  });

  it('writes a plain line for logs, in minutes for long waits and ? before any progress', () => {
    expect(progressLine('replayed', { done: 100, total: 10_000, elapsedSeconds: 10 })).toBe(
      'replayed 100/10,000 (1%, 10/s, ETA 17 min)',
    );
    expect(progressLine('replayed', { done: 0, total: 5, elapsedSeconds: 1 })).toBe(
      'replayed 0/5 (0%, 0/s, ETA ?)',
    );
  });
});
