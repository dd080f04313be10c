import { execFile } from 'node:child_process';

/** keytool is a short-lived JVM: the C1 compiler alone roughly halves each run. */
const QUICK_JVM = ['-J-XX:TieredStopAtLevel=1', '-J-XX:+UseSerialGC', '-J-XX:-UsePerfData'];

/** The store password reaches keytool through its environment (`-storepass:env`), never argv. */
export const STOREPASS_ENV = 'UAMD_KEYTOOL_STOREPASS';

/** Runs the JDK's keytool in `cwd`; `args` name the store password as `-storepass:env STOREPASS_ENV`. */
export function keytool(cwd: string, storePassword: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'keytool',
      [...QUICK_JVM, ...args],
      { cwd, timeout: 60_000, env: { ...process.env, [STOREPASS_ENV]: storePassword } },
      (err, stdout, stderr) => {
        if (err)
          reject(
            new Error(`keytool ${args[0] ?? ''} failed: ${err.message}\n${stdout}${stderr}`.trim()),
          );
        else resolve();
      },
    );
  });
}
