import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Builds docker/Dockerfile and runs the image. Needs a Docker engine, so it is not part of `npm test`:
// it runs alone with `jest -c jest.docker.config.js` and fails (never skips) when no engine answers.
// test/docker-image.test.ts checks the Dockerfile against the repository without Docker.

const ROOT = join(__dirname, '..', '..');
const TAG = 'uamd-customs-exchange:docker-test';
const BUILD_TIMEOUT_MS = 20 * 60_000;
const RUN_TIMEOUT_MS = 60_000;

interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function docker(args: readonly string[], timeout = RUN_TIMEOUT_MS): Result {
  const run = spawnSync('docker', args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
    // The Dockerfile writes a file from a heredoc: BuildKit only.
    env: { ...process.env, DOCKER_BUILDKIT: '1' },
  });
  if (run.error) throw new Error(`docker ${args.join(' ')}: ${run.error.message}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Fails with what went wrong and the command's output, so a red run says why. */
function expectSuccess(what: string, result: Result): void {
  if (result.status !== 0)
    throw new Error(
      `${what} exited with ${result.status}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
}

interface ImageConfig {
  User?: string;
  Env?: string[];
  Healthcheck?: { Test?: string[] };
}

beforeAll(() => {
  const engine = docker(['version', '--format', '{{.Server.Version}}']);
  if (engine.status !== 0 || engine.stdout.trim() === '')
    throw new Error(
      'no Docker engine answers (`docker version` failed); the docker tests build an image and need ' +
        `one: start Docker or set DOCKER_HOST, then rerun.\n${engine.stderr.trim()}`,
    );
  expectSuccess(
    'docker build',
    docker(
      ['build', '--file', 'docker/Dockerfile', '--build-arg', 'APP=cli', '--tag', TAG, '.'],
      BUILD_TIMEOUT_MS,
    ),
  );
}, BUILD_TIMEOUT_MS + RUN_TIMEOUT_MS);

afterAll(() => {
  // Only the tag: the layers stay in the build cache for the next run.
  docker(['image', 'rm', '--force', TAG]);
});

describe('the image built from docker/Dockerfile', () => {
  it('runs the cli (APP=cli): node dist/apps/cli/src/main.js --help', () => {
    const run = docker(['run', '--rm', TAG, 'node', 'dist/apps/cli/src/main.js', '--help']);
    expectSuccess('the cli --help', run);
    expect(run.stdout).toMatch(/^Usage: uamd/m);
  });

  it('is configured for APP=cli, runs as node and has a healthcheck', () => {
    const inspect = docker(['image', 'inspect', '--format', '{{json .Config}}', TAG]);
    expectSuccess('docker image inspect', inspect);
    const config = JSON.parse(inspect.stdout) as ImageConfig;
    expect(config.User).toBe('node');
    expect(config.Env).toContain('APP=cli');
    expect(config.Healthcheck?.Test?.[0]).toBe('CMD');
  });

  it('passes its own healthcheck for the cli', () => {
    const inspect = docker([
      'image',
      'inspect',
      '--format',
      '{{json .Config.Healthcheck.Test}}',
      TAG,
    ]);
    expectSuccess('docker image inspect', inspect);
    const [, ...command] = JSON.parse(inspect.stdout) as string[];
    expectSuccess('the healthcheck', docker(['run', '--rm', TAG, ...command]));
  });

  it.each(['ua-customs', 'md-customs', 'reconciler'])(
    'loads %s with the production node_modules and refuses to start without KAFKA_BROKERS',
    (app) => {
      // Every module of the app is required before its config is read: a package missing from the
      // production dependencies would fail here with "Cannot find module", not with the config error.
      const run = docker(['run', '--rm', '--env', `APP=${app}`, TAG]);
      expect({ status: run.status, stderr: run.stderr }).toEqual({
        status: 1,
        stderr: expect.stringContaining('KAFKA_BROKERS is required') as unknown,
      });
    },
  );
});
