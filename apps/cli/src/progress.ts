/** Progress of a long job: a bar redrawn in place on a terminal, plain lines otherwise. */
export interface ProgressSample {
  done: number;
  total: number;
  elapsedSeconds: number;
}

const fmtCount = (n: number) => Math.round(n).toLocaleString('en');

function etaOf(p: ProgressSample): string {
  const rate = p.done / Math.max(p.elapsedSeconds, 1e-3);
  if (p.done >= p.total) return '0 s';
  if (rate <= 0) return '?';
  const seconds = (p.total - p.done) / rate;
  return seconds >= 90 ? `${Math.round(seconds / 60)} min` : `${Math.ceil(seconds)} s`;
}

/** `[########------------]  40%  29,935/74,837  25,000/s  ETA 2 s` */
export function progressBar(p: ProgressSample, width = 20): string {
  const share = p.total === 0 ? 1 : Math.min(1, p.done / p.total);
  const filled = Math.round(share * width);
  const rate = p.done / Math.max(p.elapsedSeconds, 1e-3);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${fmtCount(p.done)}/${fmtCount(p.total)}  ${fmtCount(rate)}/s  ETA ${etaOf(p)}`;
}

/** `replayed 29,935/74,837 (40%, 25,000/s, ETA 2 s)` for logs and pipes. */
export function progressLine(what: string, p: ProgressSample): string {
  const share = p.total === 0 ? 100 : Math.floor((p.done / p.total) * 100);
  const rate = p.done / Math.max(p.elapsedSeconds, 1e-3);
  return `${what} ${fmtCount(p.done)}/${fmtCount(p.total)} (${share}%, ${fmtCount(rate)}/s, ETA ${etaOf(p)})`;
}

/**
 * Reports `sample()` until stopped: on a TTY a bar every 200 ms, rewritten in place; otherwise
 * a plain line every 2 s.
 */
export function startProgress(
  what: string,
  sample: () => ProgressSample,
  stream: NodeJS.WriteStream = process.stderr,
): () => void {
  const tty = stream.isTTY === true;
  const timer = setInterval(
    () => {
      const p = sample();
      if (tty) stream.write(`\r${what} ${progressBar(p)}`);
      else stream.write(`${progressLine(what, p)}\n`);
    },
    tty ? 200 : 2_000,
  );
  return () => {
    clearInterval(timer);
    if (tty) stream.write(`\r${what} ${progressBar(sample())}\n`);
  };
}
