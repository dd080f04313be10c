import { type CrossingMatched, type OutputEvent } from '@uamd/domain';
import { generateWorld, NO_NOISE, scenarioByName, truthOf } from '@uamd/traffic';
import { scoreMatches } from './match-score';
import { exactPlateBaseline, reconcileOffline } from './reconcile-offline';

const matchedOf = (outputs: OutputEvent[]): CrossingMatched[] =>
  outputs.flatMap((o) => (o.type === 'CrossingMatched' ? [o.data] : []));

describe('reconcileOffline', () => {
  const clean = generateWorld({ ...scenarioByName('demo'), noise: NO_NOISE }, 5);
  const truth = truthOf(clean);

  it('given a world without camera noise, the exact-plate baseline pairs every observed trip and nothing else', () => {
    const score = scoreMatches(truth, matchedOf(exactPlateBaseline(clean)));
    expect(score.expected).toBeGreaterThan(100);
    expect(score).toMatchObject({ precision: 1, recall: 1, truePositives: score.expected });
  });

  it('given a world without camera noise, the default matcher pairs every observed trip too', () => {
    const score = scoreMatches(truth, matchedOf(reconcileOffline(clean)));
    expect(score).toMatchObject({ precision: 1, recall: 1 });
  });

  it('is deterministic for a seed, noise included', () => {
    const ids = (seed: number) =>
      exactPlateBaseline(generateWorld(scenarioByName('demo'), seed)).map((o) => o.type);
    expect(ids(9)).toEqual(ids(9));
    const outputs = reconcileOffline(generateWorld(scenarioByName('demo'), 9));
    expect(outputs.map((o) => o.data)).toEqual(
      reconcileOffline(generateWorld(scenarioByName('demo'), 9)).map((o) => o.data),
    );
  });

  it('on a noisy world, the exact-plate baseline loses the misread crossings but stays precise', () => {
    const world = generateWorld(scenarioByName('demo'), 5);
    const score = scoreMatches(truthOf(world), matchedOf(exactPlateBaseline(world)));
    expect(score.recall).toBeLessThan(0.9);
    expect(score.precision).toBeGreaterThan(0.99);
  });
});
