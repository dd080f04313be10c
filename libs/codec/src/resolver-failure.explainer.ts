import { Type } from 'avsc';
import { type CompatibilityDirection } from './schema-compatibility';

export interface Finding {
  /** Dotted path of the field at fault (`[]` into array items, `{}` into map values), when there is one. */
  readonly field?: string;
  readonly why: string;
}

/** How the sentences name the two versions, and which is the newer (the reader when `backward`). */
export interface Labels {
  readonly reader: string;
  readonly writer: string;
  readonly direction: CompatibilityDirection;
}

/** The labels, and the record pairs already under explanation (recursive schemas). */
interface Context extends Labels {
  readonly visiting: Set<string>;
}

/**
 * Why `reader` cannot read data written with `writer`: one finding per field at fault, [] when
 * avsc resolves the pair. avsc's `createResolver` is the judge; the walk only finds the place, and
 * should it miss one, avsc's own message stands.
 */
export function explainResolution(reader: Type, writer: Type, labels: Labels): Finding[] {
  const error = resolveError(reader, writer);
  if (error === undefined) return [];
  const findings = explain(reader, writer, '', { ...labels, visiting: new Set() });
  return findings.length > 0 ? findings : [{ why: `avsc: ${error}` }];
}

function resolveError(reader: Type, writer: Type): string | undefined {
  try {
    reader.createResolver(writer);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function canRead(reader: Type, writer: Type): boolean {
  return resolveError(reader, writer) === undefined;
}

/** Mirrors the order avsc resolves in (writer unions, logical writers, reader unions, then by kind). */
function explain(reader: Type, writer: Type, path: string, ctx: Context): Finding[] {
  if (canRead(reader, writer)) return [];
  if (Type.isType(writer, 'union')) return explainWriterUnion(reader, branches(writer), path, ctx);
  if (Type.isType(writer, 'logical') && !Type.isType(reader, 'union', 'logical')) {
    // avsc reads a logical writer through its underlying type; the sentence still names the logical one.
    if (!sameKind(reader, underlying(writer))) return [at(path, typeChanged(reader, writer, ctx))];
    return explain(reader, underlying(writer), path, ctx);
  }
  if (Type.isType(reader, 'union')) return explainReaderUnion(branches(reader), writer, path, ctx);
  if (sameKind(reader, writer) && reader.name !== undefined && !hasCompatibleName(reader, writer))
    return [at(path, renamedType(reader, writer, ctx))];
  if (Type.isType(reader, 'record') && Type.isType(writer, 'record'))
    return explainRecord(reader as RecordLike, writer as RecordLike, path, ctx);
  if (Type.isType(reader, 'enum') && Type.isType(writer, 'enum'))
    return explainEnum(reader as EnumLike, writer as EnumLike, path, ctx);
  if (Type.isType(reader, 'array') && Type.isType(writer, 'array'))
    return explain(items(reader), items(writer), `${path}[]`, ctx);
  if (Type.isType(reader, 'map') && Type.isType(writer, 'map'))
    return explain(values(reader), values(writer), `${path}{}`, ctx);
  return [at(path, typeChanged(reader, writer, ctx))];
}

function explainWriterUnion(
  reader: Type,
  writerBranches: readonly Type[],
  path: string,
  ctx: Context,
): Finding[] {
  return writerBranches.flatMap((branch) => {
    if (canRead(reader, branch)) return [];
    if (!Type.isType(reader, 'union') && !sameKind(reader, branch)) {
      return [
        at(
          path,
          `${ctx.writer} may write ${describe(branch)} here, which ${ctx.reader} ` +
            `(${describe(reader)}) cannot read`,
        ),
      ];
    }
    return explain(reader, branch, path, ctx);
  });
}

function explainReaderUnion(
  readerBranches: readonly Type[],
  writer: Type,
  path: string,
  ctx: Context,
): Finding[] {
  // The branch of the same kind (and name) is the one the author meant to read this with.
  const meant =
    readerBranches.find((b) => sameKind(b, writer) && hasCompatibleName(b, writer)) ??
    readerBranches.find((b) => sameKind(b, writer));
  if (meant) return explain(meant, writer, path, ctx);
  return [
    at(
      path,
      `${ctx.writer} writes ${describe(writer)}, which no branch of ${ctx.reader}'s ` +
        `${readerBranches.map(describe).join(' | ')} can read`,
    ),
  ];
}

interface FieldLike {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly type: Type;
  defaultValue(): unknown;
}
type RecordLike = Type & { readonly fields: readonly FieldLike[] };
type EnumLike = Type & { readonly symbols: readonly string[]; readonly default?: string };

function explainRecord(
  reader: RecordLike,
  writer: RecordLike,
  path: string,
  ctx: Context,
): Finding[] {
  const pair = `${reader.name}<-${writer.name}`;
  if (ctx.visiting.has(pair)) return [];
  ctx.visiting.add(pair);
  const writerFields = new Map(writer.fields.map((f) => [f.name, f]));
  const matched = reader.fields.map((field) => ({
    field,
    matches: [field.name, ...field.aliases].filter((n) => writerFields.has(n)),
  }));
  const read = new Set(matched.flatMap((m) => m.matches));
  const unread = writer.fields.map((f) => f.name).filter((n) => !read.has(n));
  const findings = matched.flatMap(({ field, matches }): Finding[] => {
    const fieldPath = path === '' ? field.name : `${path}.${field.name}`;
    if (matches.length > 1) {
      return [
        at(
          fieldPath,
          `its name and aliases match ${matches.join(' and ')} of ${ctx.writer}: avsc will not guess which to read`,
        ),
      ];
    }
    const from = matches[0] === undefined ? undefined : writerFields.get(matches[0]);
    if (from === undefined) {
      return field.defaultValue() === undefined
        ? [at(fieldPath, missingField(field.name, unread, ctx))]
        : [];
    }
    if (canRead(field.type, from.type)) return [];
    const inner = explain(field.type, from.type, fieldPath, ctx);
    return inner.length > 0 ? inner : [at(fieldPath, typeChanged(field.type, from.type, ctx))];
  });
  ctx.visiting.delete(pair);
  return findings;
}

function missingField(name: string, unread: readonly string[], ctx: Context): string {
  const fact = `${ctx.writer} data has no field ${name} and ${ctx.reader} declares no default for it`;
  if (ctx.direction === 'forward') {
    const alias =
      unread.length === 0 ? '' : ` (an alias on ${unread.join(', ')} helps newer readers only)`;
    return `${fact}; ${ctx.reader}, the older reader, cannot change, so keep writing ${name} in ${ctx.writer}${alias}`;
  }
  if (unread.length === 0) return `${fact}: give it a default in ${ctx.reader}`;
  if (unread.length === 1) {
    const [old] = unread;
    return (
      `${fact}; ${ctx.writer}'s ${old} is not read by ${ctx.reader}: if ${name} is ${old} renamed, ` +
      `declare "aliases": ["${old}"] on ${name} in ${ctx.reader}, else give ${name} a default`
    );
  }
  return (
    `${fact}; ${ctx.writer}'s ${unread.join(', ')} are not read by ${ctx.reader}: if ${name} is one of ` +
    `them renamed, declare its old name in "aliases" on ${name} in ${ctx.reader}, else give ${name} a default`
  );
}

function explainEnum(reader: EnumLike, writer: EnumLike, path: string, ctx: Context): Finding[] {
  const unknown = writer.symbols.filter((s) => !reader.symbols.includes(s));
  if (unknown.length === 0 || reader.default !== undefined) return [];
  const fix =
    ctx.direction === 'backward'
      ? `keep the symbols in ${ctx.reader} or give its enum a default`
      : `${ctx.reader} is the older reader: an enum can gain symbols forward-compatibly only when the older version has an enum default`;
  return [
    at(
      path,
      `${ctx.writer} may write ${describe(reader)} symbol(s) ${unknown.join(', ')}, which ${ctx.reader} ` +
        `does not have and its enum has no default: ${fix}`,
    ),
  ];
}

function renamedType(reader: Type, writer: Type, ctx: Context): string {
  const fix =
    ctx.direction === 'backward'
      ? `declare "aliases": ["${writer.name}"] on it in ${ctx.reader}`
      : `${ctx.reader} is the older reader and cannot follow a rename`;
  return `${ctx.writer}'s ${describe(writer)} is ${describe(reader)} in ${ctx.reader} without an alias: ${fix}`;
}

function typeChanged(reader: Type, writer: Type, ctx: Context): string {
  return (
    `type changed: ${ctx.writer} writes ${describe(writer)}, ${ctx.reader} reads ${describe(reader)}, ` +
    `and Avro has no promotion from the one to the other`
  );
}

function at(path: string, why: string): Finding {
  return path === '' ? { why } : { field: path, why };
}

/** Same Avro kind, with the codec's exact long counting as long and a logical type as its kind. */
function sameKind(a: Type, b: Type): boolean {
  return kind(a) === kind(b);
}

function kind(type: Type): string {
  if (Type.isType(type, 'logical')) return type.typeName;
  if (Type.isType(type, 'abstract:long')) return 'long';
  return type.typeName.split(':')[0]!;
}

/** avsc's rule: the writer's full name is the reader's name or one of its aliases. */
function hasCompatibleName(reader: Type, writer: Type): boolean {
  if (writer.name === undefined) return true;
  return [reader.name, ...(reader.aliases ?? [])].includes(writer.name);
}

function describe(type: Type): string {
  if (Type.isType(type, 'union')) return branches(type).map(describe).join(' | ');
  if (Type.isType(type, 'logical'))
    return `${describe(underlying(type))} (${type.typeName.slice('logical:'.length)})`;
  if (Type.isType(type, 'array')) return `array of ${describe(items(type))}`;
  if (Type.isType(type, 'map')) return `map of ${describe(values(type))}`;
  const name = kind(type);
  return type.name === undefined ? name : `${name} ${type.name}`;
}

function branches(union: Type): readonly Type[] {
  return (union as unknown as { types: Type[] }).types;
}

function underlying(logical: Type): Type {
  return (logical as unknown as { underlyingType: Type }).underlyingType;
}

function items(array: Type): Type {
  return (array as unknown as { itemsType: Type }).itemsType;
}

function values(map: Type): Type {
  return (map as unknown as { valuesType: Type }).valuesType;
}
