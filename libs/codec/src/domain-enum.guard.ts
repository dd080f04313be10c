import { type Type } from 'avsc';
import {
  type Country,
  type DeclarationKind,
  type Direction,
  type DiscrepancyReason,
  type VehicleCategory,
} from '@uamd/domain';
import { compileSchemaCheck, type LeafChecks } from './schema-check';

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
  const check = compileSchemaCheck(type, enumChecks(allowed));
  if (!check) return undefined;
  return (value) => {
    const first = check(value)?.[0];
    return (
      first && {
        path: first.path.join('.'),
        symbol: first.found.symbol,
        allowed: [...first.found.set],
      }
    );
  };
}

/** The enums the domain narrows: a symbol outside its set, with that set. */
function enumChecks(
  allowed: ReadonlyMap<string, ReadonlySet<string>>,
): LeafChecks<{ symbol: string; set: ReadonlySet<string> }> {
  return {
    leaf: (type) => {
      const set =
        type.typeName === 'enum' && type.name !== undefined ? allowed.get(type.name) : undefined;
      if (!set) return undefined;
      return (value) =>
        typeof value === 'string' && !set.has(value) ? { symbol: value, set } : undefined;
    },
  };
}
