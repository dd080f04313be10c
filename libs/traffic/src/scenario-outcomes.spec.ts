import { type FeedStale } from '@uamd/domain';
import { flattenOutputs, reconcileOffline, scoreOutputs } from '@uamd/evaluation';
import { type Incident } from './incidents';
import { withNoiseScale } from './noise';
import { scenarioByName } from './scenarios';
import { generateWorld } from './traffic-generator';
import { truthOf } from './truth';
import { type World } from './world';

/**
 * What the reconciler makes of the feed incidents, decided offline on the pure decision code
 * (no Kafka, no Redis). Without camera noise, so that every alarm is the incident's doing.
 */
function reconciled(name: string) {
  const world = generateWorld(withNoiseScale(scenarioByName(name), 0), 7);
  const outputs = reconcileOffline(world);
  const scores = scoreOutputs(truthOf(world), flattenOutputs(outputs), world.end);
  const stale = outputs.flatMap((o) => (o.type === 'FeedStale' ? [o.data] : []));
  return { world, scores, stale };
}

const incident = <K extends Incident['kind']>(w: World, kind: K) =>
  w.scenario.incidents!.find((i): i is Extract<Incident, { kind: K }> => i.kind === kind)!;

describe('the reconciler on the feed incidents', () => {
  it('camera-outage: FeedStale for that side of the post while the camera is silent, recovered after, no false overdue', () => {
    const { world, scores, stale } = reconciled('camera-outage');
    const outage = incident(world, 'camera-outage');
    const alarms = stale.filter((s: FeedStale) => s.crossingPoint === 'mohyliv-podilskyi-otaci');
    expect(alarms.map((s) => [s.country, s.recovered])).toEqual([
      ['MD', false],
      ['MD', true],
    ]);
    expect(alarms[0]!.staleWatermark).toBeLessThanOrEqual(outage.from);
    // Recovered on the camera's first heartbeat back, its peers' of that tick not yet read.
    const interval = world.scenario.heartbeatIntervalSeconds * 1000;
    expect(alarms[1]!.staleWatermark).toBeGreaterThanOrEqual(outage.to - interval);
    expect(stale).toHaveLength(2);
    expect(scores.overdue.false).toBe(0);
    expect(scores.matches.precision).toBe(1);
    expect(scores.matches.recall).toBe(1);
  });

  it('late-neighbour-feed: FeedStale for the late side at every post, no false overdue, every crossing matched', () => {
    const { scores, stale } = reconciled('late-neighbour-feed');
    const raised = stale.filter((s) => !s.recovered);
    expect(raised.map((s) => s.country)).toEqual(['MD', 'MD', 'MD']);
    expect(new Set(raised.map((s) => s.crossingPoint)).size).toBe(3);
    expect(scores.overdue.false).toBe(0);
    expect(scores.matches.precision).toBe(1);
    expect(scores.matches.recall).toBe(1);
  });

  it('md-central-outage: declarations held by the outage raise no goods-not-declared, nor overdue, and what was injected is found', () => {
    const { world, scores } = reconciled('md-central-outage');
    const held = world.trips.filter((t) => t.declarations?.import && t.incidents?.length);
    expect(held.length).toBeGreaterThan(0);
    for (const [reason, score] of Object.entries(scores.discrepancies)) {
      expect({ reason, false: score.false, missed: score.injected - score.true }).toEqual({
        reason,
        false: 0,
        missed: 0,
      });
    }
    expect(scores.discrepancies.GOODS_NOT_DECLARED_ON_ENTRY.false).toBe(0);
    expect(scores.overdue.false).toBe(0);
    expect(scores.matches.precision).toBe(1);
    expect(scores.matches.recall).toBe(1);
  });
});
