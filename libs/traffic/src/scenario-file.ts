import { COUNTRIES, CROSSING_POINTS, type Country, type VehicleCategory } from '@uamd/domain';
import { type Incident } from './incidents';
import { NO_NOISE, TARGET_NOISE } from './noise';
import { Fields, Problems, window, type ScenarioProblem } from './scenario-fields';
import { type Scenario } from './scenarios';
import { parseViolations } from './violations/violation-definition';

export { type ScenarioProblem } from './scenario-fields';

/** The `format` every scenario file carries; another value is refused, not guessed at. */
export const SCENARIO_FORMAT = 'uamd-scenario/1';

const CATEGORIES: readonly VehicleCategory[] = ['CAR', 'VAN', 'BUS', 'TRUCK'];

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
  if (f.has('violations')) scenario.violations = t(() => parseViolations(f, scenario));
  f.done();
  return scenario;
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
