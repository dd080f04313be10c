import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { type Type } from '@nestjs/common';
import { readCustomsConfig, readReconcilerConfig, type Env } from '@uamd/config';
import { HealthController } from '../apps/reconciler/src/health.controller';
import { CustomsController } from '../libs/customs-service/src/customs.controller';
import { readBuildContext } from './docker/build-context';
import { type Instruction, jsonWords, parseDockerfile } from './docker/dockerfile';
import { runHealthcheck } from './docker/healthcheck-run';
import { routesOf } from './docker/http-routes';
import {
  type Entry,
  type Files,
  layoutStages,
  type RunEffects,
  type StageLayout,
} from './docker/image-layout';
import { type RuntimeGraph, runtimeGraph } from './docker/runtime-graph';
import { materialize, PROBES, selfLocatingModules } from './docker/runtime-lookups';
import { loadTsBuild, type TsBuild } from './docker/ts-build';

// Static checks of docker/Dockerfile against the repository: no Docker engine, no broker, no dist/. What the
// image needs is derived from the compiler's view of `npm run build`, the apps' import graph, and the code
// that finds files at runtime; the Dockerfile's stages are played over a model of their file systems.
// test/docker/docker-build.test.ts (jest.docker.config.js) builds the image for real.

const ROOT = join(__dirname, '..');
const DOCKERFILE = join(ROOT, 'docker', 'Dockerfile');

/** The apps that serve HTTP, how each reads its port (as its main does), and the controller with /health. */
const HTTP_APPS: Record<string, { port: (env: Env) => number; controller: Type }> = {
  'ua-customs': { port: (env) => readCustomsConfig('UA', env).port, controller: CustomsController },
  'md-customs': { port: (env) => readCustomsConfig('MD', env).port, controller: CustomsController },
  reconciler: { port: (env) => readReconcilerConfig(env).port, controller: HealthController },
};
/** Runs to completion and serves nothing. */
const ONE_SHOT_APPS = ['cli'];
/** Only what the config readers require before they hand out a port. */
const BASE_ENV = { KAFKA_BROKERS: 'kafka:19092', INTAKE_AUTH: 'open' };
/** The RUN that is the build (`npm run build`, `npm run --silent build`). */
const NPM_BUILD = /\bnpm run (--\S+ )*build\b/;

interface App {
  readonly name: string;
  /** Repository-relative entry file, e.g. apps/cli/src/main.ts. */
  readonly entry: string;
}

let build: TsBuild;
let stages: StageLayout[];
let problems: string[];
let apps: App[];
let graph: RuntimeGraph;

beforeAll(() => {
  build = loadTsBuild(ROOT);
  apps = readApps();
  graph = runtimeGraph(
    build,
    apps.map((a) => a.entry),
  );
  const context = readBuildContext(ROOT, DOCKERFILE);
  ({ stages, problems } = layoutStages(
    parseDockerfile(readFileSync(DOCKERFILE, 'utf8')),
    context,
    runEffects(build),
  ));
}, 60_000);

describe('docker/Dockerfile: the build stage', () => {
  it('copies only sources that are in the build context', () => {
    expect(problems).toEqual([]);
  });

  it('has package.json and the lockfile wherever npm ci runs', () => {
    const runs = stages.flatMap((s) => s.runs).filter((r) => /\bnpm ci\b/.test(r.command));
    expect(runs.length).toBeGreaterThan(0);
    const missing = runs.flatMap((r) =>
      ['package.json', 'package-lock.json']
        .filter((f) => !r.files.has(posix.join(r.workdir, f)))
        .map((f) => `line ${r.line}: ${f}`),
    );
    expect(missing).toEqual([]);
  });

  it('has the build script, the script files it runs, its tsconfig and the ones it extends', () => {
    expect(missingAtBuild(['package.json', ...build.scriptFiles, ...build.configFiles])).toEqual(
      [],
    );
  });

  it('has every file of every folder the build tsconfig includes', () => {
    expect(build.folders.length).toBeGreaterThan(0);
    const inFolders = build.inputs.filter((f) => build.folders.some((d) => within(d, f)));
    expect(summarize(missingAtBuild(inFolders))).toEqual([]);
  });

  it('has the files the sources import from outside those folders (like ../../../scenarios/*.json)', () => {
    const outside = build.inputs.filter((f) => !build.folders.some((d) => within(d, f)));
    expect(summarize(missingAtBuild(outside))).toEqual([]);
  });
});

describe('docker/Dockerfile: the final stage', () => {
  const final = finalLayout;
  const has = (files: Files, workdir: string, rel: string): boolean =>
    files.has(posix.join(workdir, rel));

  it('starts every app the CMD can name, from its compiled entry point', () => {
    const cmd = finalInstruction('CMD');
    const template = /\S*\$\{?APP\}?\S*/.exec(jsonWords(cmd.args, cmd).join(' '))?.[0];
    expect(template).toBeDefined();
    const wrong = apps.flatMap(({ name, entry }) => {
      const path = (template ?? '').replace(/\$\{?APP\}?/, name);
      const emitted = build.outputsOf(entry).find((o) => o.endsWith('.js'));
      if (path !== emitted)
        return [`${name}: CMD runs ${path}, the build emits ${entry} as ${emitted}`];
      return has(final().files, final().workdir, path)
        ? []
        : [`${name}: ${path} is not in the final stage`];
    });
    expect(wrong).toEqual([]);
  });

  it('has the emitted file of every module the apps load', () => {
    expect(graph.unresolved).toEqual([]);
    const missing = [...graph.files]
      .flatMap((f) => build.outputsOf(f))
      .filter((o) => !has(final().files, final().workdir, o));
    expect(summarize(missing)).toEqual([]);
  });

  it('has node_modules with every package the apps load at startup, all production dependencies', () => {
    expect(final().files.get(posix.join(final().workdir, 'node_modules'))?.kind).toBe('tree');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    const notProduction = [...graph.packages]
      .filter(([name]) => pkg.dependencies?.[name] === undefined)
      .map(([name, importer]) => `${name} (imported by ${importer})`);
    expect(notProduction).toEqual([]);
  });

  it('has every file the code looks up relative to its own location, where that code finds it', () => {
    const lookups = selfLocatingModules(build, graph.files);
    // A module here without a probe (runtime-lookups.ts) reads files nobody checks the image for.
    expect(lookups).toEqual(Object.keys(PROBES).sort());
    const image = mkdtempSync(join(tmpdir(), 'uamd-image-'));
    try {
      materialize(final().files, ROOT, image);
      const found = lookups.flatMap((file) => {
        const emitted = build.outputsOf(file).find((o) => o.endsWith('.js')) ?? file;
        const moduleDir = join(image, posix.dirname(posix.join(final().workdir, emitted)));
        return PROBES[file]?.(image, moduleDir, ROOT) ?? [];
      });
      expect(found).toEqual([]);
    } finally {
      rmSync(image, { recursive: true, force: true });
    }
  });

  it('has the JSON the sources import from outside their folders (scenarios/) where the repository has it', () => {
    // Compiled in as dist/scenarios/*.json, yet also read by path: a --scenario path is relative to the
    // working directory (resolveScenario), and copies of scenarios/*.v1.json are how a user scenario starts.
    const imported = build.inputs.filter(
      (f) => f.endsWith('.json') && !build.folders.some((d) => within(d, f)),
    );
    expect(imported.length).toBeGreaterThan(0);
    expect(summarize(imported.filter((f) => !has(final().files, final().workdir, f)))).toEqual([]);
  });

  it('runs every stage on the Node.js major that package.json engines asks for', () => {
    const engines = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
        engines?: { node?: string };
      }
    ).engines?.node;
    const min = Number(/>=\s*(\d+)/.exec(engines ?? '')?.[1]);
    const below = Number(/<\s*(\d+)/.exec(engines ?? '')?.[1] ?? Infinity);
    const wrong = stages
      .map((s) => s.stage.image)
      .filter((image) => {
        const major = Number(/^node:(\d+)/.exec(image)?.[1]);
        return !(major >= min && major < below);
      });
    expect(wrong).toEqual([]);
  });

  it('runs as the non-root node user', () => {
    expect(final().user).toBe('node');
  });
});

describe('docker/Dockerfile: the HEALTHCHECK', () => {
  /** The script the HEALTHCHECK runs with node, as the final stage holds it. */
  const script = (): string => {
    const check = finalInstruction('HEALTHCHECK');
    const cmd = /^(?:--[a-z-]+=\S+\s+)*CMD\s+(\[.*\])$/.exec(check.args)?.[1];
    if (!cmd) throw new Error(`line ${check.line}: expected HEALTHCHECK [options] CMD ["node", …]`);
    const [node, file, ...rest] = jsonWords(cmd, check);
    if (node !== 'node' || !file || rest.length > 0)
      throw new Error(`line ${check.line}: expected CMD ["node", "<script>"]`);
    const final = finalLayout();
    const entry: Entry | undefined = final.files.get(posix.resolve(final.workdir, file));
    if (entry?.kind === 'inline') return entry.text;
    if (entry?.kind === 'context') return readFileSync(join(ROOT, entry.file), 'utf8');
    throw new Error(`HEALTHCHECK runs ${file}, which the final stage does not have`);
  };
  const ok = (): Promise<{ ok: boolean; status: number }> =>
    Promise.resolve({ ok: true, status: 200 });

  it('knows every app', () => {
    expect(apps.map((a) => a.name).sort()).toEqual(
      [...Object.keys(HTTP_APPS), ...ONE_SHOT_APPS].sort(),
    );
  });

  it.each(Object.entries(HTTP_APPS))(
    'asks %s for /health on the port the app reads',
    async (name, app) => {
      expect(routesOf(app.controller)).toContain('GET /health');
      const envs: Record<string, string>[] = [
        {},
        { PORT: '4321' },
        { HOST: '0.0.0.0' },
        { HOST: '10.1.2.3', PORT: '80' },
      ];
      for (const env of envs) {
        // A wildcard bind is reached through loopback; a specific address only there.
        const bound = env['HOST'] ?? '0.0.0.0';
        const host = bound === '0.0.0.0' ? '127.0.0.1' : bound;
        const port = app.port({ ...BASE_ENV, ...env });
        await expect(runHealthcheck(script(), { APP: name, ...env }, ok)).resolves.toEqual({
          exits: [0],
          urls: [`http://${host}:${port}/health`],
        });
      }
    },
  );

  it('is unhealthy on an error status, no answer, or an unknown APP', async () => {
    const down = (): Promise<{ ok: boolean; status: number }> =>
      Promise.resolve({ ok: false, status: 503 });
    const silent = (): Promise<never> => Promise.reject(new Error('ECONNREFUSED'));
    await expect(runHealthcheck(script(), { APP: 'reconciler' }, down)).resolves.toMatchObject({
      exits: [1],
    });
    await expect(runHealthcheck(script(), { APP: 'ua-customs' }, silent)).resolves.toMatchObject({
      exits: [1],
    });
    await expect(runHealthcheck(script(), { APP: 'nope' }, ok)).resolves.toEqual({
      exits: [1],
      urls: [],
    });
  });

  it.each(ONE_SHOT_APPS)(
    'passes %s, which serves nothing, without asking anything',
    async (name) => {
      await expect(runHealthcheck(script(), { APP: name }, ok)).resolves.toEqual({
        exits: [0],
        urls: [],
      });
    },
  );
});

/** What the Dockerfile's RUNs write: npm ci a node_modules, the build what tsc emits from the inputs present. */
function runEffects(tsBuild: TsBuild): RunEffects {
  return (command, workdir, files) => {
    const made = new Map<string, Entry>();
    if (/\bnpm ci\b/.test(command)) made.set(posix.join(workdir, 'node_modules'), { kind: 'tree' });
    if (NPM_BUILD.test(command)) {
      for (const input of tsBuild.inputs.filter((f) => files.has(posix.join(workdir, f))))
        for (const output of tsBuild.outputsOf(input))
          made.set(posix.join(workdir, output), { kind: 'built', source: input });
    }
    return made;
  };
}

/** Of `required` (repository-relative), what is not in the stage when the build script runs. */
function missingAtBuild(required: readonly string[]): string[] {
  const runs = stages.flatMap((s) => s.runs).filter((r) => NPM_BUILD.test(r.command));
  const [run, ...more] = runs;
  if (!run || more.length > 0)
    throw new Error(`expected one RUN npm run build, found ${runs.length}`);
  return required.filter((f) => !run.files.has(posix.join(run.workdir, f)));
}

function within(folder: string, file: string): boolean {
  return file === folder || file.startsWith(`${folder}/`);
}

/** Missing files grouped by folder, so a forgotten COPY reads as one line. */
function summarize(missing: readonly string[]): string[] {
  const byFolder = new Map<string, string[]>();
  for (const file of missing) {
    const parts = file.split('/');
    const folder =
      parts.length > 1 ? `${parts.slice(0, Math.min(2, parts.length - 1)).join('/')}/` : file;
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  return [...byFolder].map(
    ([folder, files]) => `${folder}: ${files.length} file(s), e.g. ${files[0]}`,
  );
}

/** The stage that is the image. */
function finalLayout(): StageLayout {
  const last = stages.at(-1);
  if (!last) throw new Error('the Dockerfile has no stage');
  return last;
}

function finalInstruction(keyword: string): Instruction {
  const ins = finalLayout().last(keyword);
  if (!ins) throw new Error(`the final stage has no ${keyword}`);
  return ins;
}

/** The applications of nest-cli.json and their entry files. */
function readApps(): App[] {
  const nest = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as {
    projects: Record<string, { type: string; sourceRoot: string; entryFile: string }>;
  };
  return Object.entries(nest.projects)
    .filter(([, p]) => p.type === 'application')
    .map(([name, p]) => ({ name, entry: `${p.sourceRoot}/${p.entryFile}.ts` }));
}
