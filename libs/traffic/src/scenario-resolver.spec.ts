import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ScenarioFileError } from './scenario-file';
import { isScenarioPath, loadScenarioFile, resolveScenario } from './scenario-resolver';
import { scenarioByName, SCENARIO_NAMES } from './scenarios';

const TINY_FILE = join(__dirname, '../../../scenarios/tiny.v1.json');
const tinyJson = () => JSON.parse(readFileSync(TINY_FILE, 'utf8')) as Record<string, unknown>;

describe('resolveScenario', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'scenario-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (file: string, json: unknown) => {
    const path = join(dir, file);
    writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json, null, 2));
    return path;
  };
  const refusal = (run: () => unknown): ScenarioFileError => {
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioFileError);
      return e as ScenarioFileError;
    }
    throw new Error('accepted');
  };

  it('takes a value with a slash or ending in .json as a path, anything else as a name', () => {
    expect(isScenarioPath('demo')).toBe(false);
    expect(isScenarioPath('holiday-peak')).toBe(false);
    expect(isScenarioPath('mine.v1.json')).toBe(true);
    expect(isScenarioPath('./mine')).toBe(true);
    expect(isScenarioPath('/tmp/x/mine.v1.json')).toBe(true);
    expect(isScenarioPath('C:\\x\\mine.v1.json')).toBe(true);
  });

  it('given a built-in name, gives the built-in scenario and no file', () => {
    expect(resolveScenario('tiny')).toEqual({ scenario: scenarioByName('tiny'), file: null });
  });

  it('given an unknown name, lists the built-in names and says a path is accepted too', () => {
    expect(() => resolveScenario('mine')).toThrow(
      `unknown scenario 'mine'; built-in scenarios: ${SCENARIO_NAMES.join(', ')}; or give the path of a scenario file`,
    );
  });

  it('given a copied and edited built-in, loads the edited scenario with its absolute path and hash', () => {
    const path = write('mine.v1.json', {
      ...tinyJson(),
      name: 'mine',
      description: 'tiny, ten minutes, double traffic',
      durationMinutes: 10,
      volumeFactor: 2,
    });
    const resolved = resolveScenario(relative(process.cwd(), path));
    const { name, description, durationMinutes, volumeFactor, ...rest } = resolved.scenario;
    expect({ name, description, durationMinutes, volumeFactor }).toEqual({
      name: 'mine',
      description: 'tiny, ten minutes, double traffic',
      durationMinutes: 10,
      volumeFactor: 2,
    });
    const tiny = scenarioByName('tiny');
    expect(durationMinutes).not.toBe(tiny.durationMinutes);
    const { name: _n, description: _d, durationMinutes: _m, volumeFactor: _v, ...tinyRest } = tiny;
    expect(rest).toEqual(tinyRest);
    expect(resolved.file).toEqual({
      path,
      sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
    });
  });

  it('given a broken file, names the file and every field that is wrong', () => {
    const path = write('mine.v1.json', {
      ...tinyJson(),
      name: 'mine',
      start: '2024-09-03T00:00:00',
      durationMinutess: 10,
    });
    const error = refusal(() => resolveScenario(path));
    expect(error.message).toMatch(
      new RegExp(
        `^${path}: start: must be an ISO 8601 time with a zone.*\\n${path}: durationMinutess: unknown field$`,
      ),
    );
    expect(error.problems.map((p) => p.field)).toEqual(['start', 'durationMinutess']);
  });

  it('given a file that is not JSON, or is missing, says so with the file', () => {
    const broken = write('mine.v1.json', '{ "name": "mine", ');
    expect(refusal(() => resolveScenario(broken)).message).toMatch(
      new RegExp(`^${broken}: \\(file\\): not valid JSON`),
    );
    expect(refusal(() => resolveScenario(join(dir, 'gone.v1.json'))).message).toBe(
      `${join(dir, 'gone.v1.json')}: (file): no such file`,
    );
  });

  it('refuses a file whose name does not say the name and version it declares', () => {
    // Copied, but the name inside not edited.
    const copied = write('mine.v1.json', tinyJson());
    expect(refusal(() => resolveScenario(copied)).message).toBe(
      `${copied}: name: is 'tiny' but the file name says 'mine': change one to match the other`,
    );
    const bumped = write('mine.v2.json', { ...tinyJson(), name: 'mine' });
    expect(refusal(() => resolveScenario(bumped)).message).toBe(
      `${bumped}: version: is 1 but the file name says v2: change one to match the other`,
    );
    const plain = write('mine.json', { ...tinyJson(), name: 'mine' });
    expect(refusal(() => resolveScenario(plain)).message).toMatch(
      /rename 'mine\.json' to 'mine\.v1\.json'/,
    );
  });

  it("accepts a built-in's own file by path, but not an edited copy under the built-in's name", () => {
    expect(resolveScenario(TINY_FILE).scenario).toEqual(scenarioByName('tiny'));
    const edited = write('tiny.v1.json', { ...tinyJson(), volumeFactor: 3 });
    expect(refusal(() => resolveScenario(edited)).message).toMatch(
      /name: 'tiny' is a built-in scenario and this file defines another world/,
    );
  });

  it('refuses a file whose bytes changed since its hash was recorded', () => {
    const path = write('mine.v1.json', { ...tinyJson(), name: 'mine' });
    const { file } = resolveScenario(path);
    expect(loadScenarioFile(path, { expectSha256: file!.sha256 }).scenario.name).toBe('mine');
    write('mine.v1.json', { ...tinyJson(), name: 'mine', volumeFactor: 2 });
    expect(refusal(() => loadScenarioFile(path, { expectSha256: file!.sha256 })).message).toMatch(
      new RegExp(
        `^${path}: \\(file\\): has changed since it was recorded \\(sha256 ${file!.sha256} then, [0-9a-f]{64} now\\)$`,
      ),
    );
  });
});
