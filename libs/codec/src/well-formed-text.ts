import { type Type, type types } from 'avsc';

/** Any surrogate code unit, paired or not: a quick test most text (no astral characters) fails. */
const ANY_SURROGATE = /[\uD800-\uDFFF]/;
/** In a `u` regex a paired surrogate is one astral code point: only a lone one matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** A third of the cost of the `u` test alone on ordinary text: it runs only where a surrogate is. */
function hasLoneSurrogate(text: string): boolean {
  return ANY_SURROGATE.test(text) && LONE_SURROGATE.test(text);
}

/** Paths (as segments) of the ill-formed strings under a value; undefined when there are none. */
type Check = (value: unknown) => string[][] | undefined;

const compiled = new WeakMap<Type, Check | null>();

/**
 * Dotted paths (as avsc's errorHook names them, `goods.0.description`) of every string field of
 * the data that is not well-formed UTF-16. avsc writes a short such string as bytes that are not
 * UTF-8 (ED A0 80), which every consumer's decoder dead-letters (avro-bounds.guard.ts), and a
 * long one as U+FFFD, silently another text; refusing it at encode means no producer can publish
 * either. The check is compiled once per writer type from its schema, so it visits only the
 * string fields (map keys included), with one quick regex test each on ordinary text.
 */
export function illFormedTextPaths(writer: Type, data: unknown): string[] {
  let check = compiled.get(writer);
  if (check === undefined) {
    check = compile(writer, new Set()) ?? null;
    compiled.set(writer, check);
  }
  const found = check?.(data);
  return found ? found.map((segments) => segments.join('.') || '(record)') : [];
}

function compile(type: Type, visiting: Set<Type>): Check | undefined {
  const typeName = type.typeName;
  if (typeName === 'string')
    return (value) => (typeof value === 'string' && hasLoneSurrogate(value) ? [[]] : undefined);
  if (typeName === 'record' || typeName === 'error') {
    // Recursive schemas are not used on this wire; a cycle is simply not checked again.
    if (visiting.has(type)) return undefined;
    visiting.add(type);
    const fields = (type as types.RecordType).fields.flatMap((field) => {
      const check = compile(field.type, visiting);
      return check ? [{ name: field.name, check }] : [];
    });
    visiting.delete(type);
    if (fields.length === 0) return undefined;
    return (value) => {
      if (typeof value !== 'object' || value === null) return undefined;
      let found: string[][] | undefined;
      for (const { name, check } of fields) {
        const inner = check((value as Record<string, unknown>)[name]);
        if (inner) (found ??= []).push(...prefixed(name, inner));
      }
      return found;
    };
  }
  if (typeName === 'array') {
    const check = compile((type as types.ArrayType).itemsType, visiting);
    if (!check) return undefined;
    return (value) => {
      if (!Array.isArray(value)) return undefined;
      let found: string[][] | undefined;
      for (let i = 0; i < value.length; i++) {
        const inner = check(value[i]);
        if (inner) (found ??= []).push(...prefixed(String(i), inner));
      }
      return found;
    };
  }
  if (typeName === 'map') {
    const check = compile((type as types.MapType).valuesType as Type, visiting);
    return (value) => {
      if (typeof value !== 'object' || value === null) return undefined;
      let found: string[][] | undefined;
      for (const [key, item] of Object.entries(value)) {
        if (hasLoneSurrogate(key)) (found ??= []).push([key]);
        const inner = check?.(item);
        if (inner) (found ??= []).push(...prefixed(key, inner));
      }
      return found;
    };
  }
  if (typeName.startsWith('union:')) {
    // Unwrapped unions hold at most one branch per JS kind, so at most one string branch applies.
    const checks = (type as types.UnwrappedUnionType).types.flatMap((branch) => {
      const check = compile(branch, visiting);
      return check ? [check] : [];
    });
    if (checks.length === 0) return undefined;
    return (value) => {
      for (const check of checks) {
        const found = check(value);
        if (found) return found;
      }
      return undefined;
    };
  }
  return undefined;
}

function prefixed(segment: string, found: string[][]): string[][] {
  return found.map((segments) => [segment, ...segments]);
}
