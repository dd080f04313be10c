import { exchangedAll, observedTraffic, runCheck } from '../../testing/exchanged-traffic';
import { type ConditionCheck } from '../../condition';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { DeclarationOrderCheck } from '../lifecycle';
import { DeclarationDeadlineCheck, PromptReadsCheck, ReadDeadlineCheck } from '../timeliness';
import {
  EventIdsCheck,
  HeartbeatHonestyCheck,
  HeartbeatIntervalCheck,
  MonotoneCheck,
  SequenceCheck,
} from './index';

const checks = (): ConditionCheck[] =>
  [
    SequenceCheck,
    EventIdsCheck,
    HeartbeatIntervalCheck,
    HeartbeatHonestyCheck,
    MonotoneCheck,
    ReadDeadlineCheck,
    DeclarationDeadlineCheck,
    PromptReadsCheck,
    DeclarationOrderCheck,
  ].map((Check) => new Check(DEFAULT_CHECK_OPTIONS));

/** Each condition's result over one scenario's generated traffic (seed 1). */
function resultsOf(scenario: string) {
  const records = exchangedAll(observedTraffic(scenario, 1));
  return checks().map((check) => runCheck(check, records));
}

const failingMandatory = (results: ReturnType<typeof resultsOf>) =>
  results
    .filter((r) => r.condition.severity === 'mandatory' && r.verdict === 'fail')
    .map((r) => r.condition.id);

/**
 * What each incident does to the feed conditions, from its definition (scenarios/*.json): an
 * incident that silences a feed must fail the heartbeat interval, one that delays it the
 * deadlines; heartbeats stay honest and numbering gap-free in all of them.
 */
describe('the feed, timeliness and lifecycle conditions over the incident scenarios', () => {
  it('given a camera down for an hour, then only the heartbeat interval fails, on that camera', () => {
    const results = resultsOf('camera-outage');
    expect(failingMandatory(results)).toEqual(['TC-FEED-3']);
    const interval = results.find((r) => r.condition.id === 'TC-FEED-3')!;
    expect(interval.samples.map((s) => s.reason.split(' silent')[0])).toEqual([
      'camera MD-1-ENTRY-L1',
    ]);
  });

  it("given Moldova's whole feed 3 h late from 08:00, then every Moldovan feed falls silent once and reads and declarations miss the deadline", () => {
    const results = resultsOf('late-neighbour-feed');
    expect(failingMandatory(results)).toEqual(['TC-FEED-3', 'TC-TIME-1', 'TC-TIME-2']);
    const interval = results.find((r) => r.condition.id === 'TC-FEED-3')!;
    // 12 Moldovan cameras and 3 declaration feeds; the gap is the delay plus one interval.
    expect(interval.violations).toBe(15);
    for (const s of interval.samples) {
      expect(s.topic.startsWith('md.')).toBe(true);
      expect(s.reason).toContain('silent for 10830 s');
    }
    for (const id of ['TC-TIME-1', 'TC-TIME-2'])
      for (const s of results.find((r) => r.condition.id === id)!.samples)
        expect(s.topic.startsWith('md.')).toBe(true);
  });

  it("given Moldova's declarations system down 4 h, then only the declaration deadline fails, for Moldovan declarations", () => {
    const results = resultsOf('md-central-outage');
    expect(failingMandatory(results)).toEqual(['TC-TIME-2']);
    const deadline = results.find((r) => r.condition.id === 'TC-TIME-2')!;
    for (const s of deadline.samples) expect(s.reason).toContain(' of MD declarations at ');
  });

  it('given a camera clock drifting 8 min fast, then none of these fails: the drift makes reads look early, never late', () => {
    expect(failingMandatory(resultsOf('clock-drift'))).toEqual([]);
  });

  it('given a post closed with its cameras healthy and silent, then every feed still passes', () => {
    expect(failingMandatory(resultsOf('bridge-repair'))).toEqual([]);
  });
});
