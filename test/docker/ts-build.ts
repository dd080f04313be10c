import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * The compiler's own view of `npm run build`: which files it reads and what it writes. Derived from
 * package.json's build script and the tsconfig it names, so the Docker checks follow the build as it
 * changes instead of a list that copies the Dockerfile.
 */
export interface TsBuild {
  readonly root: string;
  /** The `-p` tsconfig of the build script, repository-relative. */
  readonly tsconfig: string;
  /** Script files the build script runs (scripts/build.sh), repository-relative. */
  readonly scriptFiles: readonly string[];
  /** That tsconfig and every config it extends, repository-relative. */
  readonly configFiles: readonly string[];
  /** The folders the tsconfig's include patterns walk (apps, libs, test/bench), repository-relative. */
  readonly folders: readonly string[];
  /** Every project file the program reads (sources, imported JSON), repository-relative. */
  readonly inputs: readonly string[];
  /** The emitted files of one input (repository-relative both ways; no .map files). */
  outputsOf(input: string): readonly string[];
  readonly program: ts.Program;
  readonly options: ts.CompilerOptions;
}

/**
 * package.json's build script, the script files it runs (`bash scripts/build.sh`) and those sourced
 * by them, and the one tsconfig
 * they pass to tsc and tsc-alias with -p.
 */
export function buildScript(root: string): { tsconfig: string; scriptFiles: string[] } {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = pkg.scripts?.['build'];
  if (!script) throw new Error('package.json has no build script');
  const run = [...script.matchAll(/\b(?:bash|sh|node)\s+([\w./-]+)/g)]
    .map((m) => m[1] ?? '')
    .filter((f) => existsSync(join(root, f)));
  const scriptFiles = withSourced(root, run);
  const texts = [script, ...scriptFiles.map((f) => readFileSync(join(root, f), 'utf8'))];
  const projects = new Set(
    texts.flatMap((text) => [...text.matchAll(/\btsc(?:-alias)?\s+(?:-p|--project)\s+(\S+)/g)]),
  );
  const [only, ...others] = [...new Set([...projects].map((m) => m[1]))];
  if (only === undefined || others.length > 0)
    throw new Error(`expected the build (${script}) to pass one tsconfig to tsc with -p`);
  return { tsconfig: only, scriptFiles };
}

/**
 * The scripts and every file they `source` (or `.`), repository-relative as the build script
 * reads them after its `cd` to the root, followed transitively.
 */
function withSourced(root: string, scripts: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...scripts];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(root, file), 'utf8');
    for (const m of text.matchAll(/^\s*(?:source|\.)\s+([\w./-]+)\s*$/gm))
      if (existsSync(join(root, m[1]!))) queue.push(m[1]!);
  }
  return [...seen];
}

export function loadTsBuild(root: string): TsBuild {
  const { tsconfig, scriptFiles } = buildScript(root);
  const configPath = join(root, tsconfig);
  const configFile = ts.readJsonConfigFile(configPath, (p) => ts.sys.readFile(p));
  // The config path in the options is what tsc works out the output layout (rootDir) from.
  const parsed = ts.parseJsonSourceFileConfigFileContent(
    configFile,
    ts.sys,
    dirname(configPath),
    undefined,
    configPath,
  );
  if (parsed.errors.length > 0)
    throw new Error(`${tsconfig}: ${parsed.errors.map((d) => flatten(d.messageText)).join('; ')}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const rel = (p: string): string => relative(root, p).split(sep).join('/');
  const inputs = program
    .getSourceFiles()
    .filter((f) => !program.isSourceFileFromExternalLibrary(f))
    .filter((f) => !program.isSourceFileDefaultLibrary(f))
    .map((f) => f.fileName)
    .filter((f) => !f.split('/').includes('node_modules'));
  // getOutputFileNames only answers for files on the command line: imported JSON is not, until added.
  const everything: ts.ParsedCommandLine = { ...parsed, fileNames: inputs };
  const ignoreCase = !ts.sys.useCaseSensitiveFileNames;
  return {
    root,
    tsconfig,
    scriptFiles,
    configFiles: [configPath, ...(configFile.extendedSourceFiles ?? [])].map(rel),
    folders: Object.keys(parsed.wildcardDirectories ?? {}).map(rel),
    inputs: inputs.map(rel),
    outputsOf: (input) =>
      ts
        .getOutputFileNames(everything, join(root, input), ignoreCase)
        .filter((o) => !o.endsWith('.map'))
        .map(rel),
    program,
    options: parsed.options,
  };
}

function flatten(message: string | ts.DiagnosticMessageChain): string {
  return ts.flattenDiagnosticMessageText(message, ' ');
}
