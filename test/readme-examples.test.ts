import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPortOpen } from '@uamd/local-stack';
import { NOT_RUN_REASONS, shellBlocks, type ShellBlock } from './support/readme-blocks';
import { TEST_STACK_VARS } from './support/stack-env';

/**
 * Every fenced shell example of the README runs here, in order, from the repository root, as a
 * newcomer would paste it: no KAFKA_BROKERS, REDIS_URL or Kafka login (the examples bring their own stack),
 * the built CLI (`npm test` builds first). Each block must exit 0; `curl -f` turns an HTTP error
 * into a failure. Only the stack file is moved to a temp folder, so a user's own `uamd stack`
 * is neither used nor stopped.
 */
const ROOT = join(__dirname, '..');
const README = join(ROOT, 'README.md');
/** The fixed ports the examples use: stack Kafka and controller, then UA, MD and the reconciler. */
const EXAMPLE_PORTS = [9092, 9093, 3001, 3002, 3003];
const BLOCK_TIMEOUT_MS = 8 * 60_000;

const blocks = shellBlocks(README);
const runnable = blocks.filter((b) => b.notRun === undefined);
const home = mkdtempSync(join(tmpdir(), 'uamd-readme-'));
const env: NodeJS.ProcessEnv = { ...process.env, UAMD_STACK_FILE: join(home, 'stack.json') };
// A newcomer has none of the test run's stack or login settings.
for (const name of [...TEST_STACK_VARS, 'TOPIC_PREFIX']) delete env[name];

/** Background jobs an example starts (`node … &`) end with it. */
const PREAMBLE = `set -euo pipefail
cleanup() { local jobs_left; jobs_left="$(jobs -p)"; if [ -n "$jobs_left" ]; then kill $jobs_left 2>/dev/null || true; wait 2>/dev/null || true; fi; }
trap cleanup EXIT
`;

function run(script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', PREAMBLE + script], { cwd: ROOT, env });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('README examples', () => {
  beforeAll(async () => {
    const taken = [];
    for (const port of EXAMPLE_PORTS) if (await isPortOpen(port)) taken.push(port);
    if (taken.length > 0)
      throw new Error(
        `the README examples use ports ${EXAMPLE_PORTS.join(', ')}; taken now: ${taken.join(', ')} (a running \`uamd stack\` or service?)`,
      );
  });

  afterAll(async () => {
    // A failed example may have left the stack up; this stops only the one of this test's file.
    await run('scripts/uamd stack down --purge >/dev/null');
    rmSync(home, { recursive: true, force: true });
  });

  it('has shell examples, and every one not run says why', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(5);
    const unexplained = blocks.filter(
      (b) => b.notRun !== undefined && !(NOT_RUN_REASONS as readonly string[]).includes(b.notRun),
    );
    expect(unexplained.map((b) => `README.md:${b.line} norun:${b.notRun}`)).toEqual([]);
  });

  it.each(runnable.map((b): [string, ShellBlock] => [`README.md:${b.line}`, b]))(
    '%s runs',
    async (_where, block) => {
      const { code, output } = await run(block.script);
      if (code !== 0)
        throw new Error(
          `README.md:${block.line} exited ${code}\n--- example\n${block.script}\n--- last output\n${output}`,
        );
      expect(code).toBe(0);
    },
    BLOCK_TIMEOUT_MS,
  );
});
