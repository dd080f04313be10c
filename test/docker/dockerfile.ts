/**
 * A small Dockerfile reader for the static image checks (test/docker-image.test.ts): enough of the syntax
 * docker/Dockerfile uses (continuations, comments, heredocs, stages, global ARGs). Anything it does not
 * understand is an error, never a guess: a check that silently misread the file would prove nothing.
 */

export interface Heredoc {
  readonly delimiter: string;
  readonly body: string;
}

export interface Instruction {
  /** Upper case: FROM, COPY, RUN… */
  readonly keyword: string;
  /** The rest of the logical line, continuations joined. */
  readonly args: string;
  /** 1-based line of the keyword, for messages. */
  readonly line: number;
  readonly heredocs: readonly Heredoc[];
}

export interface Stage {
  readonly index: number;
  readonly name: string | undefined;
  /** Base image with global ARG defaults substituted. */
  readonly image: string;
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  readonly stages: readonly Stage[];
}

const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

export function parseDockerfile(text: string): Dockerfile {
  const instructions = readInstructions(text);
  const globalArgs = new Map<string, string>();
  const stages: { index: number; name: string | undefined; image: string; list: Instruction[] }[] =
    [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const { image, name } = parseFrom(ins, globalArgs);
      stages.push({ index: stages.length, name, image, list: [] });
      continue;
    }
    const current = stages.at(-1);
    if (current) current.list.push(ins);
    else if (ins.keyword === 'ARG') {
      const [key, value] = splitAssignment(ins.args);
      if (value !== undefined) globalArgs.set(key, value);
    } else throw new Error(`line ${ins.line}: ${ins.keyword} before the first FROM`);
  }
  return {
    stages: stages.map(({ index, name, image, list }) => ({
      index,
      name,
      image,
      instructions: list,
    })),
  };
}

/** Splits into logical instructions: `\` continues a line, `#` lines are comments, heredoc bodies follow their line. */
function readInstructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  const result: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i] ?? '';
    const start = i + 1;
    i++;
    if (first.trim() === '' || first.trimStart().startsWith('#')) continue;
    let logical = first;
    while (logical.endsWith('\\')) {
      logical = logical.slice(0, -1);
      // Comment lines inside a continuation are dropped, as Docker does.
      while (i < lines.length && (lines[i] ?? '').trimStart().startsWith('#')) i++;
      logical += lines[i] ?? '';
      i++;
    }
    const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(logical);
    if (!match?.[1]) throw new Error(`line ${start}: cannot read '${logical}'`);
    const keyword = match[1].toUpperCase();
    const args = (match[2] ?? '').trim();
    const heredocs: Heredoc[] = [];
    for (const doc of args.matchAll(HEREDOC)) {
      const delimiter = doc[3] ?? '';
      const stripTabs = doc[1] === '-';
      const body: string[] = [];
      for (;;) {
        if (i >= lines.length) throw new Error(`line ${start}: heredoc ${delimiter} never ends`);
        const line = lines[i] ?? '';
        i++;
        if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) break;
        body.push(stripTabs ? line.replace(/^\t+/, '') : line);
      }
      heredocs.push({ delimiter, body: `${body.join('\n')}\n` });
    }
    result.push({ keyword, args, line: start, heredocs });
  }
  return result;
}

function parseFrom(
  ins: Instruction,
  globalArgs: ReadonlyMap<string, string>,
): { image: string; name: string | undefined } {
  const words = ins.args.split(/\s+/).filter((w) => !w.startsWith('--platform='));
  const [rawImage, as, name] = words;
  if (!rawImage || (as !== undefined && (as.toUpperCase() !== 'AS' || !name))) {
    throw new Error(`line ${ins.line}: cannot read FROM ${ins.args}`);
  }
  const image = rawImage.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, key: string) => {
    const value = globalArgs.get(key);
    if (value === undefined)
      throw new Error(`line ${ins.line}: FROM uses ARG ${key} without a default`);
    return value;
  });
  return { image, name };
}

function splitAssignment(args: string): [string, string | undefined] {
  const eq = args.indexOf('=');
  return eq < 0 ? [args.trim(), undefined] : [args.slice(0, eq).trim(), args.slice(eq + 1).trim()];
}

/** COPY/ADD arguments: `--flag=value` options, then sources and a destination (JSON array or words). */
export interface CopyArgs {
  readonly from: string | undefined;
  readonly sources: readonly string[];
  readonly dest: string;
}

const KNOWN_COPY_FLAGS = new Set(['from', 'chown', 'chmod', 'link']);

export function parseCopy(ins: Instruction): CopyArgs {
  let rest = ins.args;
  let from: string | undefined;
  for (;;) {
    const flag = /^--([a-z-]+)(?:=(\S+))?\s+/.exec(rest);
    if (!flag?.[1]) break;
    if (!KNOWN_COPY_FLAGS.has(flag[1]))
      throw new Error(`line ${ins.line}: COPY --${flag[1]} is not understood by this reader`);
    if (flag[1] === 'from') from = flag[2];
    rest = rest.slice(flag[0].length);
  }
  const words = rest.startsWith('[') ? jsonWords(rest, ins) : rest.split(/\s+/);
  const dest = words.at(-1);
  const sources = words.slice(0, -1);
  if (dest === undefined || sources.length === 0)
    throw new Error(`line ${ins.line}: COPY needs a source and a destination`);
  return { from, sources, dest };
}

/** Exec-form arguments (`["node", "x.js"]`), as CMD and HEALTHCHECK CMD take them. */
export function jsonWords(text: string, ins: Instruction): string[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((w): w is string => typeof w === 'string'))
    throw new Error(`line ${ins.line}: expected a JSON array of strings, got ${text}`);
  return parsed;
}
