import { type Type, type types } from 'avsc';

/** A finding under a value: where (path segments, avsc's errorHook names) and what. */
export interface Finding<F> {
  path: string[];
  found: F;
}

/** Every finding under a value, in schema order; undefined when there is none. */
export type ValueCheck<F> = (value: unknown) => Finding<F>[] | undefined;

/** What to look for: the check of a leaf type, and optionally of map keys (strings too). */
export interface LeafChecks<F> {
  /** The check of one leaf type (a string, an enum…), or undefined where that type needs none. */
  leaf: (type: Type) => ((value: unknown) => F | undefined) | undefined;
  key?: (key: string) => F | undefined;
}

/**
 * Compiles, once per type, a check that visits only the parts of a value whose schema holds a
 * checked leaf: records, arrays, maps and unions around them are walked, everything else is
 * skipped. Nothing is allocated unless something is found.
 */
export function compileSchemaCheck<F>(
  type: Type,
  checks: LeafChecks<F>,
  visiting: Set<Type> = new Set(),
): ValueCheck<F> | undefined {
  const typeName = type.typeName;
  if (typeName === 'record' || typeName === 'error') return recordCheck(type, checks, visiting);
  if (typeName === 'array') {
    const check = compileSchemaCheck((type as types.ArrayType).itemsType, checks, visiting);
    if (!check) return undefined;
    return (value) => {
      if (!Array.isArray(value)) return undefined;
      let found: Finding<F>[] | undefined;
      for (let i = 0; i < value.length; i++) found = gather(found, String(i), check(value[i]));
      return found;
    };
  }
  if (typeName === 'map') return mapCheck(type as types.MapType, checks, visiting);
  if (typeName.startsWith('union:')) {
    // Unwrapped unions hold at most one branch per JS kind, so each branch check ignores values of another kind.
    const branches = (type as types.UnwrappedUnionType).types.flatMap((branch) => {
      const check = compileSchemaCheck(branch, checks, visiting);
      return check ? [check] : [];
    });
    if (branches.length === 0) return undefined;
    return (value) => {
      for (const check of branches) {
        const found = check(value);
        if (found) return found;
      }
      return undefined;
    };
  }
  const leaf = checks.leaf(type);
  if (!leaf) return undefined;
  return (value) => {
    const found = leaf(value);
    return found === undefined ? undefined : [{ path: [], found }];
  };
}

function recordCheck<F>(
  type: Type,
  checks: LeafChecks<F>,
  visiting: Set<Type>,
): ValueCheck<F> | undefined {
  // Recursive schemas are not used on this wire; a cycle is simply not checked again.
  if (visiting.has(type)) return undefined;
  visiting.add(type);
  const fields = (type as types.RecordType).fields.flatMap((field) => {
    const check = compileSchemaCheck(field.type, checks, visiting);
    return check ? [{ name: field.name, check }] : [];
  });
  visiting.delete(type);
  if (fields.length === 0) return undefined;
  return (value) => {
    if (typeof value !== 'object' || value === null) return undefined;
    let found: Finding<F>[] | undefined;
    for (const { name, check } of fields)
      found = gather(found, name, check((value as Record<string, unknown>)[name]));
    return found;
  };
}

function mapCheck<F>(
  type: types.MapType,
  checks: LeafChecks<F>,
  visiting: Set<Type>,
): ValueCheck<F> | undefined {
  const check = compileSchemaCheck(type.valuesType as Type, checks, visiting);
  const key = checks.key;
  if (!check && !key) return undefined;
  return (value) => {
    if (typeof value !== 'object' || value === null) return undefined;
    let found: Finding<F>[] | undefined;
    for (const [name, item] of Object.entries(value)) {
      const bad = key?.(name);
      if (bad !== undefined) (found ??= []).push({ path: [name], found: bad });
      found = gather(found, name, check?.(item));
    }
    return found;
  };
}

/** Adds `inner`'s findings, each under `segment`, to `found`. */
function gather<F>(
  found: Finding<F>[] | undefined,
  segment: string,
  inner: Finding<F>[] | undefined,
): Finding<F>[] | undefined {
  if (!inner) return found;
  for (const f of inner) f.path.unshift(segment);
  if (!found) return inner;
  found.push(...inner);
  return found;
}
