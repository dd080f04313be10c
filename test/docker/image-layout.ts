import { posix } from 'node:path';
import { type BuildContext } from './build-context';
import { type Dockerfile, type Instruction, parseCopy, type Stage } from './dockerfile';

/** Where a file of a stage comes from. */
export type Entry =
  | { readonly kind: 'context'; readonly file: string }
  | { readonly kind: 'inline'; readonly text: string }
  /** Written by a RUN: `source` is the repository file it was made from, if any. */
  | { readonly kind: 'built'; readonly source: string | undefined }
  /** A folder whose content is not modelled (node_modules): present or not, as a whole. */
  | { readonly kind: 'tree' };

/** Absolute path in the stage's file system → origin. */
export type Files = ReadonlyMap<string, Entry>;

export interface RunStep {
  readonly command: string;
  readonly workdir: string;
  readonly line: number;
  /** The stage's files when the command starts. */
  readonly files: Files;
}

export interface StageLayout {
  readonly stage: Stage;
  readonly workdir: string;
  readonly user: string | undefined;
  readonly files: Files;
  readonly runs: readonly RunStep[];
  readonly last: (keyword: string) => Instruction | undefined;
}

/** What a RUN writes, by absolute path, given the files it starts with: the test knows what `npm ci` and the build make. */
export type RunEffects = (command: string, workdir: string, files: Files) => Files;

/**
 * Plays every stage's COPY, WORKDIR, USER and RUN over a model of its file system. Problems Docker itself
 * would stop on (a source missing from the context or from the stage it is copied from) are collected,
 * not thrown, so one failing check can name them all.
 */
export function layoutStages(
  file: Dockerfile,
  context: BuildContext,
  effects: RunEffects,
): { stages: StageLayout[]; problems: string[] } {
  const stages: StageLayout[] = [];
  const problems: string[] = [];
  for (const stage of file.stages) {
    const files = new Map<string, Entry>();
    const runs: RunStep[] = [];
    let workdir = '/';
    let user: string | undefined;
    for (const ins of stage.instructions) {
      if (ins.keyword === 'WORKDIR') workdir = posix.resolve(workdir, ins.args);
      else if (ins.keyword === 'USER') user = ins.args.split(':')[0];
      else if (ins.keyword === 'RUN') {
        runs.push({ command: ins.args, workdir, line: ins.line, files: new Map(files) });
        for (const [path, entry] of effects(ins.args, workdir, files)) files.set(path, entry);
      } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        copy(ins, workdir, files, stages, context, problems);
      }
    }
    const last = (keyword: string): Instruction | undefined =>
      stage.instructions.filter((i) => i.keyword === keyword).at(-1);
    stages.push({ stage, workdir, user, files, runs, last });
  }
  return { stages, problems };
}

function copy(
  ins: Instruction,
  workdir: string,
  files: Map<string, Entry>,
  done: readonly StageLayout[],
  context: BuildContext,
  problems: string[],
): void {
  const { from, sources, dest } = parseCopy(ins);
  const target = posix.resolve(workdir, dest);
  const intoFolder = dest.endsWith('/') || sources.length > 1;
  for (const source of sources) {
    if (/[*?[]|\$/.test(source) || /^https?:/.test(source))
      throw new Error(
        `line ${ins.line}: ${source}: wildcards, variables and URLs are not modelled`,
      );
    const heredoc = /^<<-?["']?([A-Za-z_][A-Za-z0-9_]*)/.exec(source);
    if (heredoc) {
      const doc = ins.heredocs.find((d) => d.delimiter === heredoc[1]);
      if (!doc) throw new Error(`line ${ins.line}: no body for ${source}`);
      files.set(intoFolder ? posix.join(target, doc.delimiter) : target, {
        kind: 'inline',
        text: doc.body,
      });
      continue;
    }
    const found =
      from === undefined
        ? fromContext(source, context)
        : fromStage(source, stageNamed(from, done, ins));
    if (found.size === 0) {
      problems.push(
        `line ${ins.line}: COPY ${from === undefined ? '' : `--from=${from} `}${source}: nothing there` +
          (from === undefined && context.isIgnored(posix.normalize(source))
            ? ` (excluded by ${context.ignoreFile})`
            : ''),
      );
    }
    for (const [rel, entry] of found) {
      // A file copies onto the destination itself (or into it, when it is a folder); a folder's content goes inside.
      const path =
        rel === ''
          ? intoFolder
            ? posix.join(target, posix.basename(source))
            : target
          : posix.join(target, rel);
      files.set(path, entry);
    }
  }
}

/** Entries under `source`, keyed by their path below it ('' when `source` is the file itself). */
function fromContext(source: string, context: BuildContext): Map<string, Entry> {
  const base = posix.normalize(source).replace(/^\.\/?|\/$/g, '');
  const found = new Map<string, Entry>();
  for (const file of context.files) {
    if (base === '' || file === base || file.startsWith(`${base}/`))
      found.set(base === '' ? file : file.slice(base.length + 1), { kind: 'context', file });
  }
  return found;
}

function fromStage(source: string, stage: StageLayout): Map<string, Entry> {
  const base = posix.resolve('/', source);
  const found = new Map<string, Entry>();
  for (const [path, entry] of stage.files) {
    if (path === base || path.startsWith(`${base}/`))
      found.set(path === base ? '' : path.slice(base.length + 1), entry);
    // A modelled tree holds whatever is asked for inside it.
    else if (entry.kind === 'tree' && base.startsWith(`${path}/`)) found.set('', entry);
  }
  return found;
}

function stageNamed(name: string, done: readonly StageLayout[], ins: Instruction): StageLayout {
  const stage = done.find((s) => s.stage.name === name || String(s.stage.index) === name);
  if (!stage)
    throw new Error(`line ${ins.line}: COPY --from=${name}: no earlier stage of that name`);
  return stage;
}
