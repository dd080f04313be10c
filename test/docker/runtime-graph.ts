import { isBuiltin } from 'node:module';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { type TsBuild } from './ts-build';

/** What the apps load when they run: the project files and the npm packages, from their import graph. */
export interface RuntimeGraph {
  /** Project files (repository-relative) reached from the entry points by imports that survive compilation. */
  readonly files: ReadonlySet<string>;
  /** Packages loaded as soon as an entry point starts (static import/require), each with one importer. */
  readonly packages: ReadonlyMap<string, string>;
  /** Packages loaded only by `import()` on some path, each with one importer. */
  readonly lazyPackages: ReadonlyMap<string, string>;
  /** Specifiers that resolve to nothing, as `importer: specifier`. */
  readonly unresolved: readonly string[];
}

interface ModuleRef {
  readonly specifier: string;
  /** Through `import()`: loaded when that code runs, not at startup. */
  readonly lazy: boolean;
}

export function runtimeGraph(build: TsBuild, entries: readonly string[]): RuntimeGraph {
  const files = new Set<string>();
  const eager = new Set<string>();
  const packages = new Map<string, string>();
  const lazyPackages = new Map<string, string>();
  const unresolved: string[] = [];
  // Eager files first, so a file both imported and import()ed counts as loaded at startup.
  const queue: { file: string; lazy: boolean }[] = entries.map((file) => ({ file, lazy: false }));
  const seen = new Set<string>();
  for (let next = queue.shift(); next; next = queue.shift()) {
    const key = `${next.lazy ? 'lazy' : 'eager'}:${next.file}`;
    if (seen.has(key) || (next.lazy && eager.has(next.file))) continue;
    seen.add(key);
    files.add(next.file);
    if (!next.lazy) eager.add(next.file);
    const absolute = join(build.root, next.file);
    const source = build.program.getSourceFile(absolute);
    if (!source) {
      unresolved.push(`${next.file}: not part of the build`);
      continue;
    }
    for (const ref of moduleRefs(source)) {
      const lazy = next.lazy || ref.lazy;
      if (isBuiltin(ref.specifier)) continue;
      const resolved = ts.resolveModuleName(
        ref.specifier,
        absolute,
        build.options,
        ts.sys,
      ).resolvedModule;
      if (!resolved) unresolved.push(`${next.file}: ${ref.specifier}`);
      else if (resolved.isExternalLibraryImport) {
        const target = lazy ? lazyPackages : packages;
        if (!target.has(packageName(ref.specifier)))
          target.set(packageName(ref.specifier), next.file);
      } else {
        const file = relative(build.root, resolved.resolvedFileName).split(sep).join('/');
        if (lazy) queue.push({ file, lazy });
        else queue.unshift({ file, lazy });
      }
    }
  }
  for (const name of packages.keys()) lazyPackages.delete(name);
  return { files, packages, lazyPackages, unresolved };
}

/** Every module reference the compiled JavaScript keeps: type-only imports and exports are erased by tsc. */
function moduleRefs(source: ts.SourceFile): ModuleRef[] {
  const refs: ModuleRef[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!isTypeOnlyImport(node.importClause))
        refs.push({ specifier: node.moduleSpecifier.text, lazy: false });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!isTypeOnlyExport(node)) refs.push({ specifier: node.moduleSpecifier.text, lazy: false });
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      !node.isTypeOnly &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      refs.push({ specifier: node.moduleReference.expression.text, lazy: false });
    } else if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteralLike(first)) {
        if (node.expression.kind === ts.SyntaxKind.ImportKeyword)
          refs.push({ specifier: first.text, lazy: true });
        else if (ts.isIdentifier(node.expression) && node.expression.text === 'require')
          refs.push({ specifier: first.text, lazy: false });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

function isTypeOnlyImport(clause: ts.ImportClause | undefined): boolean {
  // A bare `import 'x'` runs x for its side effects.
  if (!clause) return false;
  if (clause.phaseModifier === ts.SyntaxKind.TypeKeyword) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return (
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return (
    clause !== undefined &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((e) => e.isTypeOnly)
  );
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}
