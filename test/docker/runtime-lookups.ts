import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { findSchemasDir, loadCatalog } from '../../libs/codec/src/schema-catalog';
import { findRepoRoot } from '../../libs/local-stack/src/repo-root';
import { type Files } from './image-layout';
import { type TsBuild } from './ts-build';

/**
 * Code that finds files relative to its own location (`__dirname`) reads them from wherever the image puts
 * it: these probes run that very code from the file's place in a copy of the final stage. The test fails on
 * a module that looks files up this way without a probe here, so a new runtime read cannot go unchecked.
 */
export type Probe = (image: string, moduleDir: string, root: string) => string[];

export const PROBES: Readonly<Record<string, Probe>> = {
  // The codec walks up to schemas/: catalog.json, the schemas it lists and traffic-file.v1.avsc.
  'libs/codec/src/schema-catalog.ts': (image, moduleDir, root) => {
    const found = attempt(() => findSchemasDir(moduleDir));
    if (typeof found !== 'string')
      return [`findSchemasDir from ${shown(image, moduleDir)}: ${found.error}`];
    if (!inside(image, found))
      return [`findSchemasDir from ${shown(image, moduleDir)} left the image: ${found}`];
    const inRepo = findSchemasDir(join(root, 'libs', 'codec', 'src'));
    const present = new Set(readdirSync(found));
    const problems = readdirSync(inRepo)
      .filter((f) => !present.has(f))
      .map(
        (f) =>
          `${shown(image, join(found, f))} is missing (${relative(root, join(inRepo, f))} is read at runtime)`,
      );
    const catalog = attempt(() => loadCatalog(found).length);
    if (typeof catalog !== 'number') problems.push(`loadCatalog: ${catalog.error}`);
    return problems;
  },
  // package.json (its name) marks the repository root that the local stack's paths hang from.
  'libs/local-stack/src/repo-root.ts': (image, moduleDir) => {
    const found = attempt(() => findRepoRoot(moduleDir));
    if (typeof found !== 'string')
      return [`findRepoRoot from ${shown(image, moduleDir)}: ${found.error}`];
    return inside(image, found)
      ? []
      : [`findRepoRoot from ${shown(image, moduleDir)} left the image: ${found}`];
  },
};

/** Project files among `files` whose code uses `__dirname`. */
export function selfLocatingModules(build: TsBuild, files: Iterable<string>): string[] {
  const result: string[] = [];
  for (const file of files) {
    const source = build.program.getSourceFile(join(build.root, file));
    if (source && usesDirname(source)) result.push(file);
  }
  return result.sort();
}

function usesDirname(node: ts.Node): boolean {
  if (ts.isIdentifier(node) && node.text === '__dirname') return true;
  return ts.forEachChild(node, usesDirname) ?? false;
}

/**
 * Writes the final stage into `dir`: context files and inline files as they are, emitted JSON as its source,
 * emitted JavaScript as empty files (only its place matters to the probes), modelled trees as empty folders.
 */
export function materialize(files: Files, root: string, dir: string): void {
  for (const [path, entry] of files) {
    const target = join(dir, path);
    if (entry.kind === 'tree') {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    if (entry.kind === 'context') copyFileSync(join(root, entry.file), target);
    else if (entry.kind === 'inline') writeFileSync(target, entry.text);
    else if (entry.source?.endsWith('.json')) copyFileSync(join(root, entry.source), target);
    else writeFileSync(target, '');
  }
}

function attempt<T>(work: () => T): T | { error: string } {
  try {
    return work();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..');
}

/** A path of the materialized image as the image sees it. */
function shown(image: string, path: string): string {
  return `/${relative(image, path)}`;
}
