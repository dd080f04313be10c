import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * The one log format of every service: a JSON line per event (pino), with an ISO time and the
 * service's name, never colour codes; `LOG_LEVEL` (default `info`) filters. Written
 * synchronously, so a process that exits right after a line does not lose it.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(
    { base: { service }, level, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: 1, sync: true }),
  );
}
