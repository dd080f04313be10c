import { generateWorld, scenarioByName, truthOf } from '@uamd/traffic';
import { exactPlateBaseline } from './exact-plate.baseline';
import { scoreMatches } from './match-score';

describe('exact-plate baseline', () => {
  it('on a world without camera noise, pairs every observed trip and nothing else', () => {
    const world = generateWorld(scenarioByName('demo'), 5);
    const truth = truthOf(world);
    const score = scoreMatches(truth, exactPlateBaseline(world));
    expect(score.expected).toBeGreaterThan(100);
    expect(score).toMatchObject({ precision: 1, recall: 1, truePositives: score.expected });
  });

  it('is deterministic for a seed', () => {
    const ids = (seed: number) =>
      exactPlateBaseline(generateWorld(scenarioByName('tiny'), seed)).map((m) => m.crossingId);
    expect(ids(9)).toEqual(ids(9));
  });
});
