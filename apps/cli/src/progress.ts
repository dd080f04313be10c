import { SingleBar, type Options } from 'cli-progress';

/**
 * Progress of a long job on stderr (stdout stays for results): on a terminal a `cli-progress`
 * bar redrawn in place, otherwise (a pipe, a log file, CI) a plain line every few seconds.
 */
export interface ProgressSample {
  done: number;
  total: number;
  elapsedSeconds: number;
  /** Anything else worth a glance (counts, lag), shown after the standard fields. */
  detail?: string;
}

/** A writable stream that may be a terminal (`process.stderr`, or a fake one in tests). */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface ProgressOptions {
  /** Where to draw; stderr by default. */
  stream?: ProgressStream;
  /** Without a terminal: a plain line this often (ms), plus one at the start and one at the end. */
  plainEveryMs?: number;
}

/** Plain lines, when not on a terminal: every 5 s, however fast the job moves. */
export const PLAIN_EVERY_MS = 5_000;
/** Redraws of the bar per second on a terminal (it redraws only when its text changes). */
const BAR_FPS = 5;
const BAR_WIDTH = 20;

const fmtCount = (n: number) => Math.round(n).toLocaleString('en');

const rateOf = (p: ProgressSample) => p.done / Math.max(p.elapsedSeconds, 1e-3);

const percentOf = (p: ProgressSample) =>
  p.total === 0 ? 100 : Math.min(100, Math.floor((p.done / p.total) * 100));

/** Time left at the average rate so far: `3 s`, `17 min`, `0 s` when done, `?` before any progress. */
export function etaOf(p: ProgressSample): string {
  if (p.done >= p.total) return '0 s';
  const rate = rateOf(p);
  if (rate <= 0) return '?';
  const seconds = (p.total - p.done) / rate;
  return seconds >= 90 ? `${Math.round(seconds / 60)} min` : `${Math.ceil(seconds)} s`;
}

const withDetail = (line: string, p: ProgressSample) => (p.detail ? `${line}; ${p.detail}` : line);

/** `replayed 29,935/74,837 (40%, 25,000/s, ETA 2 s)` for logs and pipes. */
export function progressLine(what: string, p: ProgressSample): string {
  return withDetail(
    `${what} ${fmtCount(p.done)}/${fmtCount(p.total)} (${percentOf(p)}%, ${fmtCount(rateOf(p))}/s, ETA ${etaOf(p)})`,
    p,
  );
}

/** `replayed [########------------]  40%  29,935/74,837  25,000/s  ETA 2 s` for a terminal. */
export function progressBar(what: string, p: ProgressSample, width = BAR_WIDTH): string {
  const share = p.total === 0 ? 1 : Math.min(1, p.done / p.total);
  const filled = Math.round(share * width);
  return withDetail(
    `${what} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percentOf(p)).padStart(3)}%  ${fmtCount(p.done)}/${fmtCount(p.total)}  ${fmtCount(rateOf(p))}/s  ETA ${etaOf(p)}`,
    p,
  );
}

/**
 * Reports `sample()` from `start()` to `stop()`. cli-progress schedules the output (a redraw
 * at most BAR_FPS times a second on a terminal, a line every `plainEveryMs` otherwise) and the
 * formatter samples the job at that moment, so nothing polls in between.
 */
export class ProgressReporter {
  private readonly stream: ProgressStream;
  private readonly tty: boolean;
  private readonly plainEveryMs: number;
  private bar: SingleBar | null = null;
  private stopped = false;

  constructor(
    private readonly what: string,
    private readonly sample: () => ProgressSample,
    options: ProgressOptions = {},
  ) {
    this.stream = options.stream ?? process.stderr;
    this.tty = this.stream.isTTY === true;
    this.plainEveryMs = options.plainEveryMs ?? PLAIN_EVERY_MS;
  }

  start(): void {
    if (this.bar || this.stopped) return;
    const options: Options = {
      stream: this.stream,
      format: () => this.render(),
      fps: BAR_FPS,
      // Cut to the terminal width instead of switching the terminal's line wrapping off, and keep
      // the cursor shown: an interrupted run (Ctrl-C) leaves no terminal setting to restore.
      linewrap: true,
      hideCursor: false,
      gracefulExit: false,
      // A bar is taken off when stopped (stop() writes the final line itself); without a terminal
      // this also spares the blank line cli-progress would add after the last plain line.
      clearOnComplete: true,
      noTTYOutput: true,
      notTTYSchedule: this.plainEveryMs,
    };
    this.bar = new SingleBar(options);
    // Value and total live in the sample; cli-progress only schedules and draws.
    this.bar.start(1, 0);
  }

  private render(): string {
    const p = this.sample();
    return this.tty ? progressBar(this.what, p) : progressLine(this.what, p);
  }

  /**
   * Writes something else (a log line) while the bar is up: on a terminal the bar is taken off
   * first and drawn again below it, so the two never tear each other.
   */
  interrupt(write: () => void): void {
    if (!this.tty || !this.bar) {
      write();
      return;
    }
    this.bar.stop();
    this.bar = null;
    try {
      write();
    } finally {
      this.start();
    }
  }

  /** Stops the output with a last line (the final state); safe to call twice. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const bar = this.bar;
    this.bar = null;
    if (!bar) return;
    // Without a terminal the bar's last render is the final plain line.
    bar.stop();
    // On a terminal the bar took itself off: the final state stays, cut to the width as drawn.
    if (this.tty) this.stream.write(`${this.render().slice(0, this.stream.columns || 80)}\n`);
  }
}

/** Starts a reporter on stderr (or `options.stream`); returns its stop. */
export function startProgress(
  what: string,
  sample: () => ProgressSample,
  options: ProgressOptions = {},
): () => void {
  const reporter = new ProgressReporter(what, sample, options);
  reporter.start();
  return () => reporter.stop();
}
