import {
  camerasOf,
  COUNTRIES,
  CROSSING_POINTS,
  findCrossingPoint,
  type Country,
  type VehicleCategory,
} from '@uamd/domain';
import { type Incident } from './incidents';
import { NO_NOISE, TARGET_NOISE } from './noise';
import { type Scenario } from './scenarios';

/** The `format` every scenario file carries; another value is refused, not guessed at. */
export const SCENARIO_FORMAT = 'uamd-scenario/1';

const CATEGORIES: readonly VehicleCategory[] = ['CAR', 'VAN', 'BUS', 'TRUCK'];
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

/**
 * A scenario file that cannot be used: the file, and every problem found in it, one line each
 * (`<file>: <field>: <problem>`). `field` is the first problem's field.
 */
export class ScenarioFileError extends Error {
  readonly field: string;

  constructor(
    readonly source: string,
    readonly problems: readonly ScenarioProblem[],
  ) {
    super(problems.map((p) => `${source}: ${p.field}: ${p.problem}`).join('\n'));
    this.name = 'ScenarioFileError';
    this.field = problems[0]?.field ?? '(file)';
  }
}

/** Thrown by `Fields.fail` once its problem is recorded; caught by `Problems.attempt`. */
class Recorded extends Error {}

/** The problems of one file, collected so that one error names all of them. */
class Problems {
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
class Fields {
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

/**
 * A scenario from its JSON definition (format `uamd-scenario/1`, documented in
 * `scenarios/README.md`): every field checked, times converted to epoch ms, defaults filled in.
 * `source` names the file in errors; a refused definition's `ScenarioFileError` lists every
 * problem found (after a wrong `format`, nothing else is read).
 */
export function parseScenarioDefinition(json: unknown, source: string): Scenario {
  const problems = new Problems();
  const scenario = problems.attempt(() => readScenario(problems, json));
  if (problems.list.length > 0 || !scenario) throw new ScenarioFileError(source, problems.list);
  return scenario;
}

function readScenario(problems: Problems, json: unknown): Scenario {
  const f = Fields.of(problems, '', json);
  const t = <T>(read: () => T): T => f.try(read);
  f.raw('$schema');
  const format = f.string('format');
  if (format !== SCENARIO_FORMAT)
    f.fail(
      'format',
      `unsupported scenario format '${format}' (this version reads ${SCENARIO_FORMAT})`,
    );
  const scenario: Scenario = {
    name: t(() => {
      const name = f.string('name');
      if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
        f.fail('name', 'must be lower-case letters, digits and dashes');
      return name;
    }),
    version: t(() => f.number('version', { min: 1 })),
    description: t(() => f.string('description')),
    start: t(() => f.instant('start')),
    durationMinutes: t(() => f.number('durationMinutes', { min: 1 })),
    volumeFactor: t(() => f.number('volumeFactor', { min: 0, fallback: 1 })),
    entryCapacityFactor: t(() => f.number('entryCapacityFactor', { min: 0.01, fallback: 1 })),
    heartbeatIntervalSeconds: t(() =>
      f.number('heartbeatIntervalSeconds', { min: 1, fallback: 30 }),
    ),
    cyrillicShareUa: t(() => f.number('cyrillicShareUa', { min: 0, max: 1, fallback: 0.3 })),
    noise: t(() =>
      f.oneOf('noise', ['target', 'none'] as const, 'target') === 'none' ? NO_NOISE : TARGET_NOISE,
    ),
    noShowShare: t(() => f.number('noShowShare', { min: 0, max: 1, fallback: 0.01 })),
  };
  if (f.has('notes')) scenario.notes = t(() => f.string('notes'));
  if (f.has('categoryFactors'))
    scenario.categoryFactors = t(() => {
      const c = f.child('categoryFactors');
      const factors: Partial<Record<VehicleCategory, number>> = {};
      for (const cat of CATEGORIES)
        if (c.has(cat)) factors[cat] = c.try(() => c.number(cat, { min: 0 }));
      c.done();
      return factors;
    });
  if (f.has('crossingPoints'))
    scenario.crossingPoints = t(() => {
      const ids = f.list('crossingPoints');
      if (ids.length === 0) f.fail('crossingPoints', 'must name at least one post');
      return ids.map((id, i) =>
        f.try(() =>
          new Fields(problems, 'crossingPoints', { [`[${i}]`]: id }).crossingPoint(`[${i}]`),
        ),
      );
    });
  if (f.has('incidents'))
    scenario.incidents = t(() =>
      f
        .list('incidents')
        .map((item, i) => f.try(() => parseIncident(Fields.of(problems, `incidents[${i}]`, item)))),
    );
  f.done();
  return scenario;
}

/** A window; `to <= from` is false when either failed (undefined), so nothing is reported twice. */
function window(f: Fields): { from: number; to: number } {
  const from = f.try(() => f.instant('from'));
  const to = f.try(() => f.instant('to'));
  if (to <= from) f.try(() => f.fail('to', 'must be after from'));
  return { from, to };
}

function parseIncident(f: Fields): Incident {
  const t = <T>(read: () => T): T => f.try(read);
  // Without a kind the other fields mean nothing: the incident stops here.
  const kind = f.oneOf('kind', [
    'post-closed',
    'blockade',
    'declarations-outage',
    'camera-outage',
    'late-feed',
    'clock-drift',
  ] as const);
  let incident: Incident;
  switch (kind) {
    case 'post-closed': {
      const crossingPoint = t(() => f.crossingPoint('crossingPoint'));
      const w = window(f);
      const divertTo = t(() => {
        const d = f.child('divertTo');
        const shares: Record<string, number> = {};
        let total = 0;
        for (const p of CROSSING_POINTS) {
          if (!d.has(p.id)) continue;
          if (p.id === crossingPoint) d.fail(p.id, 'a closed post cannot take its own traffic');
          total += shares[p.id] = d.number(p.id, { min: 0, max: 1 });
        }
        d.done();
        if (total > 1)
          f.fail(
            'divertTo',
            `shares add up to ${Math.round(total * 1000) / 1000}, more than all of the traffic`,
          );
        return shares;
      });
      incident = { kind, crossingPoint, ...w, divertTo };
      break;
    }
    case 'blockade':
      incident = {
        kind,
        crossingPoint: t(() => f.crossingPoint('crossingPoint')),
        entryCountry: t(() => f.oneOf<Country>('entryCountry', COUNTRIES)),
        ...window(f),
      };
      break;
    case 'declarations-outage':
      incident = {
        kind,
        country: t(() => f.oneOf<Country>('country', COUNTRIES)),
        ...window(f),
        catchUpMinutes: t(() => f.number('catchUpMinutes', { min: 0, fallback: 10 })),
      };
      break;
    case 'camera-outage':
      incident = { kind, cameraId: t(() => f.camera('cameraId')), ...window(f) };
      break;
    case 'late-feed':
      incident = {
        kind,
        country: t(() => f.oneOf<Country>('country', COUNTRIES)),
        from: t(() => f.instant('from')),
        delayMinutes: t(() => f.number('delayMinutes', { min: 0 })),
      };
      break;
    case 'clock-drift': {
      incident = {
        kind,
        cameraId: t(() => f.camera('cameraId')),
        from: t(() => f.instant('from')),
        msPerMinute: t(() => f.number('msPerMinute')),
      };
      if (f.has('maxDriftMs')) incident.maxDriftMs = t(() => f.number('maxDriftMs', { min: 0 }));
      break;
    }
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown incident ${String(unreachable)}`);
    }
  }
  f.raw('note');
  f.done();
  return incident;
}
