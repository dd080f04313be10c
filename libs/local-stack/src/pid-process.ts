import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { sleep } from './child-process';

/**
 * Processes known only by a recorded pid (a stack started by an earlier command). A pid can be
 * reused by the OS, so nothing is signalled unless its command line still names the program.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when `pid` is alive and its command line contains `program`. */
export function processRuns(pid: number, program: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return false;
  return commandLine(pid).includes(program);
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
    } catch {
      return '';
    }
  }
}

/**
 * SIGTERM, then SIGKILL after graceMs. Returns false when the pid no longer ran `program`
 * (already gone, or reused), in which case nothing was signalled.
 */
export async function stopProcess(pid: number, program: string, graceMs: number): Promise<boolean> {
  if (!processRuns(pid, program)) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await sleep(100);
  }
  if (processRuns(pid, program)) process.kill(pid, 'SIGKILL');
  const killDeadline = Date.now() + 5_000;
  while (processAlive(pid) && Date.now() < killDeadline) await sleep(50);
  if (processAlive(pid)) throw new Error(`${program} (pid ${pid}) did not exit after SIGKILL`);
  return true;
}
