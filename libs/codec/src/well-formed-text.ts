import { type Type } from 'avsc';
import { compileSchemaCheck, type LeafChecks, type ValueCheck } from './schema-check';

/** Any surrogate code unit, paired or not: a quick test most text (no astral characters) fails. */
const ANY_SURROGATE = /[\uD800-\uDFFF]/;
/** In a `u` regex a paired surrogate is one astral code point: only a lone one matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** A third of the cost of the `u` test alone on ordinary text: it runs only where a surrogate is. */
function hasLoneSurrogate(text: string): boolean {
  return ANY_SURROGATE.test(text) && LONE_SURROGATE.test(text);
}

/** Every ill-formed string under a value, with its path; a string or a map key. */
const ILL_FORMED: LeafChecks<true> = {
  leaf: (type) =>
    type.typeName === 'string'
      ? (value) => (typeof value === 'string' && hasLoneSurrogate(value) ? true : undefined)
      : undefined,
  key: (key) => (hasLoneSurrogate(key) ? true : undefined),
};

const compiled = new WeakMap<Type, ValueCheck<true> | null>();

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
    check = compileSchemaCheck(writer, ILL_FORMED) ?? null;
    compiled.set(writer, check);
  }
  const found = check?.(data);
  return found ? found.map(({ path }) => path.join('.') || '(record)') : [];
}
