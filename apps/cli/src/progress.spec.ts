import { Writable } from 'node:stream';
import {
  etaOf,
  progressBar,
  progressLine,
  ProgressReporter,
  startProgress,
  type ProgressSample,
  type ProgressStream,
} from './progress';

/** A stream that keeps what is written; a terminal of `columns` when `tty`. */
function fakeStream(tty: boolean, columns = 100): { stream: ProgressStream; text: () => string } {
  const chunks: string[] = [];
  const stream: ProgressStream = Object.assign(
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    }),
    tty ? { isTTY: true, columns } : {},
  );
  return { stream, text: () => chunks.join('') };
}

// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[/;

describe('progress text', () => {
  it('draws a bar with share, counts, rate and ETA', () => {
    expect(progressBar('replayed', { done: 25_000, total: 100_000, elapsedSeconds: 1 }, 10)).toBe(
      'replayed [###-------]  25%  25,000/100,000  25,000/s  ETA 3 s',
    );
    expect(progressBar('x', { done: 10, total: 10, elapsedSeconds: 2 }, 4)).toBe(
      'x [####] 100%  10/10  5/s  ETA 0 s',
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

  it('puts the detail after the standard fields, and never shows more than 100%', () => {
    expect(
      progressLine('published', { done: 12, total: 10, elapsedSeconds: 4, detail: 'UA 7, MD 5' }),
    ).toBe('published 12/10 (100%, 3/s, ETA 0 s); UA 7, MD 5');
  });

  it('estimates from the average rate so far', () => {
    expect(etaOf({ done: 50, total: 100, elapsedSeconds: 89 })).toBe('89 s');
    expect(etaOf({ done: 50, total: 100, elapsedSeconds: 90 })).toBe('2 min');
    expect(etaOf({ done: 0, total: 0, elapsedSeconds: 0 })).toBe('0 s');
  });
});

describe('progress output', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A job doing 1,000 items a second, of `total`, on the fake clock. */
  const job = (total: number) => {
    const started = Date.now();
    return (): ProgressSample => {
      const elapsedSeconds = (Date.now() - started) / 1000;
      return { done: Math.min(total, Math.floor(elapsedSeconds * 1000)), total, elapsedSeconds };
    };
  };

  it('without a terminal: plain lines at the start, every 5 s and at the end, nothing in between', () => {
    const { stream, text } = fakeStream(false);
    const stop = startProgress('replayed', job(100_000), { stream });
    const lines = () => text().split('\n').slice(0, -1);
    expect(lines()).toEqual(['replayed 0/100,000 (0%, 0/s, ETA ?)']);
    jest.advanceTimersByTime(4_999);
    expect(lines()).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(lines()[1]).toBe('replayed 5,000/100,000 (5%, 1,000/s, ETA 2 min)');
    // A minute of a fast job is a dozen lines, not a redraw per frame.
    jest.advanceTimersByTime(60_000);
    expect(lines()).toHaveLength(14);
    jest.advanceTimersByTime(2_500);
    stop();
    stop();
    expect(lines()).toHaveLength(15);
    expect(lines()[14]).toBe('replayed 67,500/100,000 (67%, 1,000/s, ETA 33 s)');
    // Plain text: no cursor movement, no blank line, one newline per line.
    expect(text()).not.toMatch(ESCAPE);
    expect(text()).not.toContain('\n\n');
    expect(text().endsWith('\n')).toBe(true);
    // Stopped means stopped.
    jest.advanceTimersByTime(20_000);
    expect(lines()).toHaveLength(15);
  });

  it('on a terminal: a bar redrawn in place that stays, cut to the width, when stopped', () => {
    const { stream, text } = fakeStream(true, 60);
    const sample = job(10_000);
    const reporter = new ProgressReporter(
      'replayed',
      () => ({ ...sample(), detail: 'a detail long enough to run past sixty columns' }),
      { stream },
    );
    reporter.start();
    jest.advanceTimersByTime(3_000);
    expect(text()).toMatch(ESCAPE); // drawn in place: cursor moves, no newline yet
    expect(text()).not.toContain('\n');
    reporter.stop();
    // After the bar took itself off (an erase of the line), the final state, on its own line.
    const last = text().slice(text().lastIndexOf('\u001b[2K') + 4);
    const full = 'replayed [######--------------]  30%  3,000/10,000  1,000/s  ETA 7 s; a detail';
    expect(last).toBe(`${full.slice(0, 60)}\n`);
  });

  it('on a terminal: a log line while the bar is up takes the bar off, then draws it again', () => {
    const { stream, text } = fakeStream(true);
    const reporter = new ProgressReporter(
      'replayed',
      () => ({
        done: 1,
        total: 2,
        elapsedSeconds: 1,
      }),
      { stream },
    );
    reporter.start();
    const before = text().length;
    reporter.interrupt(() => stream.write('a log line\n'));
    const after = text().slice(before);
    // Cleared (a cursor move and an erase) before the line, and the bar drawn again after it.
    const [cleared, redrawn] = after.split('a log line\n');
    expect(cleared).toMatch(ESCAPE);
    expect(redrawn).toContain('replayed [##########----------]  50%');
    reporter.stop();
  });

  it('without a terminal, a log line just goes out', () => {
    const { stream, text } = fakeStream(false);
    const reporter = new ProgressReporter('x', () => ({ done: 1, total: 2, elapsedSeconds: 1 }), {
      stream,
    });
    reporter.start();
    reporter.interrupt(() => stream.write('log\n'));
    reporter.stop();
    expect(text().split('\n')).toEqual([
      'x 1/2 (50%, 1/s, ETA 1 s)',
      'log',
      'x 1/2 (50%, 1/s, ETA 1 s)',
      '',
    ]);
  });
});
