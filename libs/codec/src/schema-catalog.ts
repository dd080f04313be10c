import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { type Schema } from 'avsc';
import {
  COMPATIBILITY_MODES,
  type CompatibilityMode,
  isCompatibilityMode,
} from './schema-compatibility';

export interface CatalogEntry {
  /** The id written in bytes 1..4 of every framed message. */
  readonly id: number;
  /** Record full name, e.g. `uamd.exchange.PlateRead`. */
  readonly name: string;
  readonly version: number;
  readonly file: string;
  readonly schema: Schema;
  /** Declared once per record in the catalog's `compatibility`; every version of the record carries it. */
  readonly compatibility: CompatibilityMode;
}

const CATALOG_FILE = 'catalog.json';
const MAX_SCHEMA_ID = 2 ** 31 - 1;

/** Walks up from this file so the same code finds `schemas/` from `libs/codec/src` (jest) and `dist/libs/codec/src` (tsc). */
export function findSchemasDir(start: string = __dirname): string {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, CATALOG_FILE))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no schemas/${CATALOG_FILE} found above ${start}`);
    dir = parent;
  }
}

/**
 * Reads and checks the catalog, each record's compatibility mode included: a bad catalog must
 * stop a service at start, not corrupt messages later.
 */
export function loadCatalog(dir: string = findSchemasDir()): CatalogEntry[] {
  const catalogPath = join(dir, CATALOG_FILE);
  const raw = readJson(catalogPath);
  const list = isObject(raw) ? raw['schemas'] : undefined;
  if (!Array.isArray(list))
    throw new Error(`${catalogPath}: expected an object with a "schemas" array`);

  const seenIds = new Set<number>();
  const seenVersions = new Set<string>();
  const entries = list.map((item: unknown, index): Omit<CatalogEntry, 'compatibility'> => {
    const where = `${catalogPath} schemas[${index}]`;
    if (!isObject(item)) throw new Error(`${where}: expected an object`);
    const { id, name, version, file } = item;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > MAX_SCHEMA_ID) {
      throw new Error(`${where}: id must be an integer in 1..${MAX_SCHEMA_ID}, got ${String(id)}`);
    }
    if (seenIds.has(id)) throw new Error(`${where}: duplicate schema id ${id}`);
    seenIds.add(id);
    if (typeof name !== 'string' || name === '')
      throw new Error(`${where}: name must be a non-empty string`);
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      throw new Error(`${where}: version must be a positive integer`);
    }
    if (seenVersions.has(`${name}@${version}`))
      throw new Error(`${where}: duplicate version ${version} of ${name}`);
    seenVersions.add(`${name}@${version}`);
    // A bare file name keeps the catalog from pointing outside the schemas folder.
    if (typeof file !== 'string' || file === '' || basename(file) !== file) {
      throw new Error(`${where}: file must be a file name inside ${dir}`);
    }
    const schemaPath = join(dir, file);
    if (!existsSync(schemaPath)) throw new Error(`${where}: ${schemaPath} does not exist`);
    const schema = readJson(schemaPath);
    const fullName = recordFullName(schema);
    if (fullName !== name) {
      throw new Error(`${where}: ${file} defines ${fullName ?? 'no record'}, catalog says ${name}`);
    }
    return { id, name, version, file, schema: schema as Schema };
  });
  const modes = readCompatibility(
    raw as Record<string, unknown>,
    entries.map((e) => e.name),
    catalogPath,
  );
  return entries.map((entry) => ({ ...entry, compatibility: modes.get(entry.name)! }));
}

/**
 * The catalog's `compatibility` object: one mode per record name (`schema-compatibility.ts`).
 * Every problem is listed at once, so adding a record and a typo elsewhere is one round of fixes.
 */
function readCompatibility(
  catalog: Record<string, unknown>,
  names: readonly string[],
  catalogPath: string,
): Map<string, CompatibilityMode> {
  const where = `${catalogPath} compatibility`;
  const declared = catalog['compatibility'];
  const allowed = COMPATIBILITY_MODES.join(', ');
  if (!isObject(declared)) {
    throw new Error(`${where}: expected an object mapping every record name to one of ${allowed}`);
  }
  const known = new Set(names);
  const modes = new Map<string, CompatibilityMode>();
  const problems: string[] = [];
  for (const [name, mode] of Object.entries(declared)) {
    if (!known.has(name)) problems.push(`${name} is no record of this catalog`);
    else if (!isCompatibilityMode(mode))
      problems.push(`${name}: ${JSON.stringify(mode)} is no mode (one of ${allowed})`);
    else modes.set(name, mode);
  }
  for (const name of known) {
    if (!Object.prototype.hasOwnProperty.call(declared, name))
      problems.push(`${name} has no mode (one of ${allowed})`);
  }
  if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
  return modes;
}

function recordFullName(schema: unknown): string | undefined {
  if (!isObject(schema) || schema['type'] !== 'record' || typeof schema['name'] !== 'string')
    return undefined;
  const { name, namespace } = schema;
  if (name.includes('.') || typeof namespace !== 'string' || namespace === '') return name;
  return `${namespace}.${name}`;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    throw new Error(
      `${path}: cannot read JSON (${err instanceof Error ? err.message : String(err)})`,
      {
        cause: err,
      },
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
