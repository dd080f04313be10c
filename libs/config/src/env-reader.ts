/**
 * Typed environment reading (docs/style.md item 6): every variable is declared once with its
 * default, all problems are collected, and one ConfigError names them all so a bad start fails
 * fast and clearly.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface EnvVar<T> {
  /** Parses the raw value; undefined means unset (or blank). */
  parse(raw: string | undefined): Parsed<T>;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** A configuration problem does not go away by retrying. */
  readonly retriable = false;

  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (problem: string): Parsed<never> => ({ ok: false, problem });

/** Unset and blank count as missing, so `PORT=` in a shell falls back to the default. */
function withDefault<T>(defaultValue: T | undefined, parse: (raw: string) => Parsed<T>): EnvVar<T> {
  return {
    parse: (raw) => {
      const trimmed = raw?.trim();
      if (trimmed === undefined || trimmed === '')
        return defaultValue === undefined ? fail('is required') : ok(defaultValue);
      return parse(trimmed);
    },
  };
}

export function str(options: { default?: string } = {}): EnvVar<string> {
  return withDefault(options.default, ok);
}

/** An optional secret of at least `minLength` characters (its value never in a message); undefined when unset. */
export function optionalSecret(minLength: number): EnvVar<string | undefined> {
  return {
    parse: (raw) => {
      const value = raw?.trim();
      if (!value) return ok(undefined);
      return value.length < minLength
        ? fail(`must be at least ${minLength} characters, got ${value.length}`)
        : ok(value);
    },
  };
}

/** An optional http(s) URL, trailing slashes dropped; undefined when unset. */
export function optionalHttpUrl(): EnvVar<string | undefined> {
  return {
    parse: (raw) => {
      const value = raw?.trim();
      if (!value) return ok(undefined);
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return fail(`must be an http(s) URL, got '${value}'`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return fail(`must be an http(s) URL, got '${value}'`);
      return ok(value.replace(/\/+$/, ''));
    },
  };
}

export function int(
  options: { min?: number; max?: number; default?: number } = {},
): EnvVar<number> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
  return withDefault(options.default, (raw) => {
    if (!/^-?\d+$/.test(raw)) return fail(`must be an integer, got '${raw}'`);
    const value = Number(raw);
    return value < min || value > max
      ? fail(`must be between ${min} and ${max}, got ${value}`)
      : ok(value);
  });
}

export function num(
  options: { min?: number; max?: number; default?: number; exclusiveMin?: boolean } = {},
): EnvVar<number> {
  return withDefault(options.default, (raw) => parseNumber(raw, options));
}

function parseNumber(
  raw: string,
  options: { min?: number; max?: number; exclusiveMin?: boolean },
): Parsed<number> {
  const value = Number(raw);
  if (!Number.isFinite(value)) return fail(`must be a number, got '${raw}'`);
  const { min, max, exclusiveMin = false } = options;
  if (min !== undefined && (exclusiveMin ? value <= min : value < min))
    return fail(`must be ${exclusiveMin ? '>' : '≥'} ${min}, got ${value}`);
  if (max !== undefined && value > max) return fail(`must be ≤ ${max}, got ${value}`);
  return ok(value);
}

/** Comma-separated, blanks dropped. */
export function list(options: { default?: string[]; minItems?: number } = {}): EnvVar<string[]> {
  const minItems = options.minItems ?? 1;
  return withDefault(options.default, (raw) => {
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return items.length < minItems
      ? fail(`needs at least ${minItems} comma-separated item(s)`)
      : ok(items);
  });
}

export function oneOf<const T extends string>(
  values: readonly T[],
  options: { default?: T } = {},
): EnvVar<T> {
  return withDefault(options.default, (raw) =>
    (values as readonly string[]).includes(raw)
      ? ok(raw as T)
      : fail(`must be one of ${values.join(', ')}, got '${raw}'`),
  );
}

export function bool(options: { default?: boolean } = {}): EnvVar<boolean> {
  return withDefault(options.default, (raw) => {
    const lower = raw.toLowerCase();
    if (['true', '1', 'yes'].includes(lower)) return ok(true);
    if (['false', '0', 'no'].includes(lower)) return ok(false);
    return fail(`must be true or false, got '${raw}'`);
  });
}

/** A positive number, or the word `max` (as fast as the broker acknowledges). */
export function speed(options: { default?: number | 'max' } = {}): EnvVar<number | 'max'> {
  return withDefault<number | 'max'>(options.default, (raw) =>
    raw.toLowerCase() === 'max' ? ok('max') : parseNumber(raw, { min: 0, exclusiveMin: true }),
  );
}

export type EnvSpec = Record<string, EnvVar<unknown>>;
export type EnvValues<S extends EnvSpec> = {
  [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never;
};

/** Reads every variable of the spec; throws one ConfigError listing all problems. */
export function readEnv<S extends EnvSpec>(env: Env, spec: S): EnvValues<S> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, variable] of Object.entries(spec)) {
    const parsed = variable.parse(env[name]);
    if (parsed.ok) values[name] = parsed.value;
    else problems.push(`${name} ${parsed.problem}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as EnvValues<S>;
}
