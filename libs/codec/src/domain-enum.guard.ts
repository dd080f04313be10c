import { type Type, type types } from 'avsc';
import {
  type Country,
  type DeclarationKind,
  type Direction,
  type DiscrepancyReason,
  type VehicleCategory,
} from '@uamd/domain';

/** A `Record<Union, true>` literal fails to compile when a member is missing or extra. */
function symbolsOf<T extends string>(members: Record<T, true>): ReadonlySet<string> {
  return new Set(Object.keys(members));
}

/**
 * Avro enum full name → the symbols the domain type accepts. The schemas carry an extra
 * `OTHER` default so old readers survive new symbols; the domain has no such value, so a
 * message carrying it is rejected instead of smuggling in a value the types do not allow.
 */
export const DOMAIN_ENUM_SYMBOLS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['uamd.exchange.Country', symbolsOf<Country>({ UA: true, MD: true })],
  ['uamd.exchange.Direction', symbolsOf<Direction>({ ENTRY: true, EXIT: true })],
  [
    'uamd.exchange.VehicleCategory',
    symbolsOf<VehicleCategory>({
      CAR: true,
      BUS: true,
      TRUCK: true,
      VAN: true,
      MOTORCYCLE: true,
      UNKNOWN: true,
    }),
  ],
  [
    'uamd.exchange.DeclarationKind',
    symbolsOf<DeclarationKind>({ EXPORT: true, IMPORT: true, TRANSIT: true }),
  ],
  [
    'uamd.exchange.reconciler.DiscrepancyReason',
    symbolsOf<DiscrepancyReason>({
      GOODS_NOT_DECLARED_ON_ENTRY: true,
      PLATE_MISMATCH: true,
      GROSS_MASS_MISMATCH: true,
      HS_CODE_MISMATCH: true,
      DECLARED_AFTER_CROSSING: true,
    }),
  ],
]);

export interface EnumViolation {
  /** Dotted path, e.g. `country` or `goods.2.kind`. */
  readonly path: string;
  readonly symbol: string;
  readonly allowed: readonly string[];
}

/** Returns the first enum value the domain does not accept, or undefined. */
export type DomainEnumCheck = (value: unknown) => EnumViolation | undefined;

/** Built once per reader type; undefined when nothing in the type needs checking. */
export function compileDomainEnumCheck(
  type: Type,
  allowed: ReadonlyMap<string, ReadonlySet<string>> = DOMAIN_ENUM_SYMBOLS,
): DomainEnumCheck | undefined {
  return compile(type, allowed, new Set());
}

type Check = (
  value: unknown,
) => { path: string[]; symbol: string; set: ReadonlySet<string> } | undefined;

function compile(
  type: Type,
  allowed: ReadonlyMap<string, ReadonlySet<string>>,
  visiting: Set<Type>,
): DomainEnumCheck | undefined {
  const inner = compileInner(type, allowed, visiting);
  if (!inner) return undefined;
  return (value) => {
    const found = inner(value);
    return found && { path: found.path.join('.'), symbol: found.symbol, allowed: [...found.set] };
  };
}

function compileInner(
  type: Type,
  allowed: ReadonlyMap<string, ReadonlySet<string>>,
  visiting: Set<Type>,
): Check | undefined {
  const typeName = type.typeName;
  if (typeName === 'enum') {
    const set = type.name === undefined ? undefined : allowed.get(type.name);
    if (!set) return undefined;
    return (value) =>
      typeof value === 'string' && !set.has(value) ? { path: [], symbol: value, set } : undefined;
  }
  if (typeName === 'record' || typeName === 'error') {
    // Recursive schemas are not used on this wire; a cycle is simply not checked again.
    if (visiting.has(type)) return undefined;
    visiting.add(type);
    const checks = (type as types.RecordType).fields.flatMap((field) => {
      const check = compileInner(field.type, allowed, visiting);
      return check ? [{ name: field.name, check }] : [];
    });
    visiting.delete(type);
    if (checks.length === 0) return undefined;
    return (value) => {
      if (typeof value !== 'object' || value === null) return undefined;
      for (const { name, check } of checks) {
        const found = check((value as Record<string, unknown>)[name]);
        if (found) return prefix(name, found);
      }
      return undefined;
    };
  }
  if (typeName === 'array') {
    const check = compileInner((type as types.ArrayType).itemsType, allowed, visiting);
    if (!check) return undefined;
    return (value) => {
      if (!Array.isArray(value)) return undefined;
      for (let i = 0; i < value.length; i++) {
        const found = check(value[i]);
        if (found) return prefix(String(i), found);
      }
      return undefined;
    };
  }
  if (typeName === 'map') {
    const check = compileInner((type as types.MapType).valuesType as Type, allowed, visiting);
    if (!check) return undefined;
    return (value) => {
      if (typeof value !== 'object' || value === null) return undefined;
      for (const [key, item] of Object.entries(value)) {
        const found = check(item);
        if (found) return prefix(key, found);
      }
      return undefined;
    };
  }
  if (typeName.startsWith('union:')) {
    // Unwrapped unions hold at most one branch per JS kind, so each branch check ignores values of another kind.
    const checks = (type as types.UnwrappedUnionType).types.flatMap((branch) => {
      const check = compileInner(branch, allowed, visiting);
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

function prefix<T extends { path: string[] }>(segment: string, found: T): T {
  found.path.unshift(segment);
  return found;
}
