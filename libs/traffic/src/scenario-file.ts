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

/** A scenario file that cannot be used, with the file and the field that is wrong. */
export class ScenarioFileError extends Error {
  constructor(
    readonly source: string,
    readonly field: string,
    problem: string,
  ) {
    super(`${source}: ${field}: ${problem}`);
    this.name = 'ScenarioFileError';
  }
}

type Json = Record<string, unknown>;

/** Reads fields of one JSON object, naming the field in every error, and refuses unknown ones. */
class Fields {
  private readonly seen = new Set<string>();

  constructor(
    readonly source: string,
    readonly path: string,
    private readonly obj: Json,
  ) {}

  static of(source: string, path: string, value: unknown): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new ScenarioFileError(source, path || '(file)', 'must be a JSON object');
    return new Fields(source, path, value as Json);
  }

  fail(key: string, problem: string): never {
    throw new ScenarioFileError(this.source, this.join(key), problem);
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
    return Fields.of(this.source, this.join(key), this.raw(key) ?? {});
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
      if (!this.seen.has(key)) this.fail(key, 'unknown field');
  }
}

/**
 * A scenario from its JSON definition (format `uamd-scenario/1`, documented in
 * `scenarios/README.md`): every field checked, times converted to epoch ms, defaults filled in.
 * `source` names the file in errors.
 */
export function parseScenarioDefinition(json: unknown, source: string): Scenario {
  const f = Fields.of(source, '', json);
  f.raw('$schema');
  const format = f.string('format');
  if (format !== SCENARIO_FORMAT)
    f.fail(
      'format',
      `unsupported scenario format '${format}' (this version reads ${SCENARIO_FORMAT})`,
    );
  const name = f.string('name');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    f.fail('name', 'must be lower-case letters, digits and dashes');
  const start = f.instant('start');
  const durationMinutes = f.number('durationMinutes', { min: 1 });
  const scenario: Scenario = {
    name,
    version: f.number('version', { min: 1 }),
    description: f.string('description'),
    start,
    durationMinutes,
    volumeFactor: f.number('volumeFactor', { min: 0, fallback: 1 }),
    entryCapacityFactor: f.number('entryCapacityFactor', { min: 0.01, fallback: 1 }),
    heartbeatIntervalSeconds: f.number('heartbeatIntervalSeconds', { min: 1, fallback: 30 }),
    cyrillicShareUa: f.number('cyrillicShareUa', { min: 0, max: 1, fallback: 0.3 }),
    noise:
      f.oneOf('noise', ['target', 'none'] as const, 'target') === 'none' ? NO_NOISE : TARGET_NOISE,
    noShowShare: f.number('noShowShare', { min: 0, max: 1, fallback: 0.01 }),
  };
  if (f.has('notes')) scenario.notes = f.string('notes');
  if (f.has('categoryFactors')) {
    const c = f.child('categoryFactors');
    const factors: Partial<Record<VehicleCategory, number>> = {};
    for (const cat of CATEGORIES) if (c.has(cat)) factors[cat] = c.number(cat, { min: 0 });
    c.done();
    scenario.categoryFactors = factors;
  }
  if (f.has('crossingPoints')) {
    const ids = f.list('crossingPoints');
    if (ids.length === 0) f.fail('crossingPoints', 'must name at least one post');
    scenario.crossingPoints = ids.map((id, i) =>
      new Fields(source, 'crossingPoints', { [`[${i}]`]: id }).crossingPoint(`[${i}]`),
    );
  }
  if (f.has('incidents'))
    scenario.incidents = f
      .list('incidents')
      .map((item, i) => parseIncident(Fields.of(source, `incidents[${i}]`, item)));
  f.done();
  return scenario;
}

function window(f: Fields): { from: number; to: number } {
  const from = f.instant('from');
  const to = f.instant('to');
  if (to <= from) f.fail('to', 'must be after from');
  return { from, to };
}

function parseIncident(f: Fields): Incident {
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
      const crossingPoint = f.crossingPoint('crossingPoint');
      const w = window(f);
      const d = f.child('divertTo');
      const divertTo: Record<string, number> = {};
      let total = 0;
      for (const p of CROSSING_POINTS) {
        if (!d.has(p.id)) continue;
        if (p.id === crossingPoint) d.fail(p.id, 'a closed post cannot take its own traffic');
        total += divertTo[p.id] = d.number(p.id, { min: 0, max: 1 });
      }
      d.done();
      if (total > 1)
        f.fail(
          'divertTo',
          `shares add up to ${Math.round(total * 1000) / 1000}, more than all of the traffic`,
        );
      incident = { kind, crossingPoint, ...w, divertTo };
      break;
    }
    case 'blockade':
      incident = {
        kind,
        crossingPoint: f.crossingPoint('crossingPoint'),
        entryCountry: f.oneOf<Country>('entryCountry', COUNTRIES),
        ...window(f),
      };
      break;
    case 'declarations-outage':
      incident = {
        kind,
        country: f.oneOf<Country>('country', COUNTRIES),
        ...window(f),
        catchUpMinutes: f.number('catchUpMinutes', { min: 0, fallback: 10 }),
      };
      break;
    case 'camera-outage':
      incident = { kind, cameraId: f.camera('cameraId'), ...window(f) };
      break;
    case 'late-feed':
      incident = {
        kind,
        country: f.oneOf<Country>('country', COUNTRIES),
        from: f.instant('from'),
        delayMinutes: f.number('delayMinutes', { min: 0 }),
      };
      break;
    case 'clock-drift': {
      incident = {
        kind,
        cameraId: f.camera('cameraId'),
        from: f.instant('from'),
        msPerMinute: f.number('msPerMinute'),
      };
      if (f.has('maxDriftMs')) incident.maxDriftMs = f.number('maxDriftMs', { min: 0 });
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
