import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseScenarioDefinition, ScenarioFileError, type ScenarioProblem } from './scenario-file';
import { findScenario, SCENARIO_NAMES, type Scenario } from './scenarios';

/**
 * Where a scenario read from disk came from: its absolute path and the SHA-256 of its bytes,
 * so that a run can regenerate the same world later and notice when the file has changed.
 */
export interface ScenarioFileRef {
  path: string;
  sha256: string;
}

export interface ResolvedScenario {
  scenario: Scenario;
  /** The file it was read from; null for a built-in scenario. */
  file: ScenarioFileRef | null;
}

/**
 * The path rule: a value containing `/` (or `\`) or ending in `.json` is a file path (relative
 * to the working directory); anything else is a built-in name. Names are lower-case letters,
 * digits and dashes, so no name is ever mistaken for a path or the other way round.
 */
export function isScenarioPath(value: string): boolean {
  return value.includes('/') || value.includes('\\') || value.endsWith('.json');
}

const FILE_NAME = /^([a-z0-9][a-z0-9-]*)\.v(\d+)\.json$/;

/**
 * A scenario by built-in name (`demo`) or by the path of a definition file
 * (`./mine.v1.json`, see `isScenarioPath`). The only place scenarios are read from disk: the
 * generator itself stays pure. A file is checked like a built-in (`parseScenarioDefinition`),
 * and its name must be `<name>.v<version>.json` of the name and version it declares.
 */
export function resolveScenario(nameOrPath: string): ResolvedScenario {
  if (isScenarioPath(nameOrPath)) return loadScenarioFile(nameOrPath);
  const scenario = findScenario(nameOrPath);
  if (!scenario)
    throw new Error(
      `unknown scenario '${nameOrPath}'; built-in scenarios: ${SCENARIO_NAMES.join(', ')}; ` +
        `or give the path of a scenario file (<name>.v<version>.json, e.g. ./mine.v1.json)`,
    );
  return { scenario, file: null };
}

/**
 * Reads, hashes and checks one scenario file. With `expectSha256` (the hash a run recorded),
 * a file whose bytes have changed since is refused before it is parsed. Every error is a
 * `ScenarioFileError` naming the absolute path and each problem.
 */
export function loadScenarioFile(
  path: string,
  options: { expectSha256?: string } = {},
): ResolvedScenario {
  const absolute = resolve(path);
  const refuse = (...problems: ScenarioProblem[]) => new ScenarioFileError(absolute, problems);
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse({
      field: '(file)',
      problem:
        code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? (error as Error).message})`,
    });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (options.expectSha256 !== undefined && sha256 !== options.expectSha256)
    throw refuse({
      field: '(file)',
      problem: `has changed since it was recorded (sha256 ${options.expectSha256} then, ${sha256} now)`,
    });
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw refuse({ field: '(file)', problem: `not valid JSON: ${(error as Error).message}` });
  }
  const scenario = parseScenarioDefinition(json, absolute);
  checkIdentity(scenario, absolute, refuse);
  return { scenario, file: { path: absolute, sha256 } };
}

/**
 * The file name must say what the file declares (`mine.v1.json`: name `mine`, version 1), and a
 * built-in's name may only be used for that very definition (`scenarios/demo.v1.json` itself):
 * an edited copy needs a name of its own, or runs of two worlds would share a name.
 */
function checkIdentity(
  scenario: Scenario,
  path: string,
  refuse: (...problems: ScenarioProblem[]) => ScenarioFileError,
): void {
  const file = basename(path);
  const match = FILE_NAME.exec(file);
  const expected = `${scenario.name}.v${scenario.version}.json`;
  if (!match)
    throw refuse({
      field: '(file name)',
      problem: `a scenario file is named <name>.v<version>.json after the name and version it declares: rename '${file}' to '${expected}'`,
    });
  const problems: ScenarioProblem[] = [];
  if (match[1] !== scenario.name)
    problems.push({
      field: 'name',
      problem: `is '${scenario.name}' but the file name says '${match[1]}': change one to match the other`,
    });
  if (Number(match[2]) !== scenario.version)
    problems.push({
      field: 'version',
      problem: `is ${scenario.version} but the file name says v${match[2]}: change one to match the other`,
    });
  if (problems.length > 0) throw refuse(...problems);
  const builtIn = findScenario(scenario.name);
  if (builtIn && !isDeepStrictEqual(builtIn, scenario))
    throw refuse({
      field: 'name',
      problem: `'${scenario.name}' is a built-in scenario and this file defines another world: give your copy a name of its own (and rename the file to match)`,
    });
}
