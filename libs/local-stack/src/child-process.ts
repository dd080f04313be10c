import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** Keeps the last lines a child printed so a failed start can be explained. */
export class OutputTail {
  private readonly lines: string[] = [];

  constructor(private readonly max = 40) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }

  text(): string {
    return this.lines.length > 0 ? this.lines.join('\n') : '(no output)';
  }
}

/** Feeds every stdout/stderr line of the child into the tail and the optional logger. */
export function captureOutput(
  child: ChildProcess,
  tail: OutputTail,
  log?: (line: string) => void,
): void {
  // Without a listener a failed spawn (e.g. ENOENT) would crash the process.
  child.on('error', (err) => tail.push(`spawn error: ${err.message}`));
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      tail.push(line);
      log?.(line);
    });
  }
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves true once the child has exited, false if it is still running after timeoutMs. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/** SIGTERM, then SIGKILL after graceMs; only ever signals this child's own pid. */
export async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (hasExited(child)) return;
  child.kill('SIGTERM');
  if (await waitForExit(child, graceMs)) return;
  child.kill('SIGKILL');
  await waitForExit(child, 5_000);
}

/** Last-resort synchronous kill for process 'exit' handlers, where nothing can be awaited. */
export function killNow(child: ChildProcess): void {
  if (!hasExited(child)) child.kill('SIGKILL');
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

export interface ServerProcess {
  child: ChildProcess;
  /** The last lines the server printed: its log file's when detached, else the piped tail. */
  output: () => string;
}

export interface SpawnServerOptions {
  cwd: string;
  /**
   * Outlive this process: own process group, output appended to this file, nothing piped back,
   * and unref'd so only the caller's own wait for it to answer keeps this process running.
   */
  logFile?: string;
  /** Receives every line a piped (not detached) server prints. */
  log?: (line: string) => void;
}

/** Spawns a long-running server, either watched through pipes or detached with a log file. */
export function spawnServer(
  command: string,
  args: string[],
  { cwd, logFile, log }: SpawnServerOptions,
): ServerProcess {
  const tail = new OutputTail();
  const child = logFile
    ? spawnDetached(command, args, cwd, logFile)
    : spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  // A detached child has no streams, so this only registers the 'error' handler for it.
  captureOutput(child, tail, log);
  if (logFile) child.unref();
  return { child, output: () => (logFile ? lastLines(logFile) : tail.text()) };
}

function spawnDetached(
  command: string,
  args: string[],
  cwd: string,
  logFile: string,
): ChildProcess {
  const fd = openSync(logFile, 'a');
  try {
    return spawn(command, args, { cwd, stdio: ['ignore', fd, fd], detached: true });
  } finally {
    closeSync(fd);
  }
}

function lastLines(file: string, count = 40): string {
  try {
    return (
      readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count).join('\n') || '(no output)'
    );
  } catch {
    return '(no output)';
  }
}
