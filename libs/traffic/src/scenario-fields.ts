import { camerasOf, COUNTRIES, CROSSING_POINTS, findCrossingPoint } from '@uamd/domain';

const ALL_CAMERAS = new Set(
  CROSSING_POINTS.flatMap((p) =>
    COUNTRIES.flatMap((c) => [...camerasOf(c, p, 'EXIT'), ...camerasOf(c, p, 'ENTRY')]),
  ),
);

/** One thing wrong in a scenario file: the field (`incidents[0].from`, `(file)`) and what. */
export interface ScenarioProblem {
  field: string;
  problem: string;
}

/** Thrown by `Fields.fail` once its problem is recorded; caught by `Problems.attempt`. */
class Recorded extends Error {}

/** The problems of one file, collected so that one error names all of them. */
export class Problems {
  readonly list: ScenarioProblem[] = [];

  add(field: string, problem: string): void {
    this.list.push({ field, problem });
  }

  /** Runs one read; after a recorded problem, undefined (the caller goes on to the next field). */
  attempt<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      if (error instanceof Recorded) return undefined;
      throw error;
    }
  }
}

type Json = Record<string, unknown>;

/** Reads fields of one JSON object, naming the field in every error, and refuses unknown ones. */
export class Fields {
  private readonly seen = new Set<string>();

  constructor(
    readonly problems: Problems,
    readonly path: string,
    private readonly obj: Json,
  ) {}

  static of(problems: Problems, path: string, value: unknown): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.add(path || '(file)', 'must be a JSON object');
      throw new Recorded();
    }
    return new Fields(problems, path, value as Json);
  }

  /** Records the problem and stops this read (see `Problems.attempt`). */
  fail(key: string, problem: string): never {
    this.problems.add(this.join(key), problem);
    throw new Recorded();
  }

  /** Each read in its own attempt: a bad field is recorded and the next one still read. */
  try<T>(read: () => T): T {
    // Undefined only after a recorded problem, and then the definition is refused as a whole.
    return this.problems.attempt(read) as T;
  }

  private join(key: string): string {
    return !this.path ? key : key.startsWith('[') ? `${this.path}${key}` : `${this.path}.${key}`;
  }

  raw(key: string): unknown {
    this.seen.add(key);
    return this.obj[key];
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined;
  }

  /** A nested object, its fields named `key.field` in errors; `{}` when absent. */
  child(key: string): Fields {
    return Fields.of(this.problems, this.join(key), this.raw(key) ?? {});
  }

  list(key: string): unknown[] {
    const v = this.raw(key);
    if (!Array.isArray(v)) this.fail(key, 'must be a list');
    return v as unknown[];
  }

  string(key: string, fallback?: string): string {
    const v = this.raw(key) ?? fallback;
    if (typeof v !== 'string' || v === '') this.fail(key, 'must be a non-empty string');
    return v;
  }

  number(key: string, opts: { min?: number; max?: number; fallback?: number } = {}): number {
    const v = this.raw(key) ?? opts.fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(key, 'must be a number');
    if (opts.min !== undefined && v < opts.min) this.fail(key, `must be at least ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) this.fail(key, `must be at most ${opts.max}`);
    return v;
  }

  /** An ISO 8601 instant with a time zone (`Z` or `+03:00`): a local time would be ambiguous. */
  instant(key: string): number {
    const v = this.string(key);
    const t = Date.parse(v);
    if (!/(Z|[+-]\d{2}:\d{2})$/.test(v) || !Number.isFinite(t))
      this.fail(
        key,
        `must be an ISO 8601 time with a zone, e.g. 2024-09-03T00:00:00+03:00; got '${v}'`,
      );
    return t;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T {
    const v = this.raw(key) ?? fallback;
    if (!allowed.includes(v as T)) this.fail(key, `must be one of ${allowed.join(', ')}`);
    return v as T;
  }

  crossingPoint(key: string): string {
    const v = this.string(key);
    if (!findCrossingPoint(v))
      this.fail(
        key,
        `unknown crossing point '${v}' (known: ${CROSSING_POINTS.map((p) => p.id).join(', ')})`,
      );
    return v;
  }

  camera(key: string): string {
    const v = this.string(key);
    if (!ALL_CAMERAS.has(v))
      this.fail(
        key,
        `unknown camera '${v}' (ids are <country>-<post index>-<EXIT|ENTRY>-<lane>, e.g. MD-1-ENTRY-L1)`,
      );
    return v;
  }

  /** Call last: a misspelt field would otherwise be silently ignored. */
  done(): void {
    for (const key of Object.keys(this.obj))
      if (!this.seen.has(key)) this.problems.add(this.join(key), 'unknown field');
  }
}

/** A window; `to <= from` is false when either failed (undefined), so nothing is reported twice. */
export function window(f: Fields): { from: number; to: number } {
  const from = f.try(() => f.instant('from'));
  const to = f.try(() => f.instant('to'));
  if (to <= from) f.try(() => f.fail('to', 'must be after from'));
  return { from, to };
}
