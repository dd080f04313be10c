import { runInNewContext } from 'node:vm';

export interface HealthcheckRun {
  /** Every process.exit code, in order: a script that goes on after exiting shows up as two. */
  readonly exits: readonly number[];
  /** The URLs it fetched. */
  readonly urls: readonly string[];
}

export type Answer = (url: string) => Promise<{ ok: boolean; status: number }>;

/**
 * Runs the image's healthcheck script as `node healthcheck.js` would, but in a sandbox: the environment is
 * the one given and fetch is a stand-in, so the script's choice of URL and its verdict on each answer can
 * be checked without a container or a network.
 */
export function runHealthcheck(
  script: string,
  env: Readonly<Record<string, string>>,
  answer: Answer,
): Promise<HealthcheckRun> {
  const exits: number[] = [];
  const urls: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the healthcheck never exited')), 5_000);
    const exit = (code = 0): void => {
      exits.push(code);
      clearTimeout(timer);
      // Later exits are still recorded: give them a turn before answering.
      setImmediate(() => resolve({ exits, urls }));
    };
    const sandbox = {
      process: { env: { ...env }, exit },
      console: { error: () => undefined, log: () => undefined },
      AbortSignal,
      fetch: (url: string) => {
        urls.push(url);
        return answer(url);
      },
    };
    try {
      runInNewContext(script, sandbox, { filename: 'healthcheck.js' });
    } catch (error) {
      clearTimeout(timer);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
