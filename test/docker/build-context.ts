import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/**
 * What `docker build` sends as context: the files under the context root that the dockerignore does not
 * exclude. BuildKit reads `<Dockerfile>.dockerignore` beside the Dockerfile before `.dockerignore` at the root.
 */
export interface BuildContext {
  readonly root: string;
  /** Where the rules came from, for messages; undefined when there is no dockerignore. */
  readonly ignoreFile: string | undefined;
  /** Context-relative posix paths of every file sent. */
  readonly files: ReadonlySet<string>;
  isIgnored(path: string): boolean;
}

interface Rule {
  readonly negated: boolean;
  readonly pattern: RegExp;
}

export function readBuildContext(root: string, dockerfile: string): BuildContext {
  const ignoreFile = [`${dockerfile}.dockerignore`, join(root, '.dockerignore')].find((f) =>
    existsSync(f),
  );
  const rules = ignoreFile ? parseDockerignore(readFileSync(ignoreFile, 'utf8')) : [];
  const isIgnored = (path: string): boolean => ignored(rules, path);
  const files = new Set<string>();
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      // Not descending into an excluded folder: no `!` rule here re-includes something inside one.
      if (isIgnored(path)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.add(path);
    }
  };
  walk('');
  return { root, ignoreFile, files, isIgnored };
}

/** Docker's rules: one pattern a line, `#` comments, `!` re-includes, the last matching rule wins. */
export function parseDockerignore(text: string): Rule[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const cleaned = posix.normalize((negated ? line.slice(1) : line).trim()).replace(/^\/+/, '');
      return { negated, pattern: globToRegExp(cleaned.replace(/\/+$/, '')) };
    });
}

/** A rule that matches a folder excludes everything inside it, hence the parents are tried too. */
function ignored(rules: readonly Rule[], path: string): boolean {
  const parts = path.split('/');
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let result = false;
  for (const rule of rules) {
    if (candidates.some((c) => rule.pattern.test(c))) result = !rule.negated;
  }
  return result;
}

/** `**` any number of folders, `*` and `?` within one path segment (Go's filepath.Match plus `**`). */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*' && glob.charAt(i + 1) === '*') {
      const slash = glob.charAt(i + 2) === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[' || c === '\\')
      throw new Error(`dockerignore pattern '${glob}': '${c}' is not understood by this reader`);
    else source += c.replace(/[.+^${}()|\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
