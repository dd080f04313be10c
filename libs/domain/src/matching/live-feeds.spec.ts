import { type InputEvent } from '../events/input-events';
import { type OutputEvent } from '../events/output-events';
import { plateRead, sideHeartbeats, timed } from '../testing/event-builders';
import { checkLiveFeeds } from './live-feeds';
import { DEFAULT_MATCHING_CONFIG } from './matching.config';
import { initialState, type PartitionState } from './partition-state';
import { reconcile } from './reconcile';

const POINT = 'mohyliv-podilskyi-otaci';
const run = (state: PartitionState, events: InputEvent[]) =>
  reconcile(state, timed(events), { config: DEFAULT_MATCHING_CONFIG, trackAdvanced: true });

describe('live stale feeds: a side silent on the wall clock while the other moves on', () => {
  it('given MD heartbeats stop while UA keeps sending, then MD is stale after the timeout, no overdue is raised against it, and it recovers when MD moves', () => {
    const state = initialState();
    run(state, [...sideHeartbeats('UA', 0), ...sideHeartbeats('MD', 0)]);
    run(state, [plateRead('UA', 'EXIT', 'AA1234BC', 1)]);
    const wall = new Map([
      [`${POINT}|UA`, 10_000],
      [`${POINT}|MD`, 1_000],
    ]);
    const ctx = (now: number) => ({
      now,
      liveStaleAfterMs: 5_000,
      lastAdvancedAt: (point: string, country: string) => wall.get(`${point}|${country}`),
    });
    // UA's event time has moved only 2 minutes: the event-time rule (10 min lag) says nothing yet.
    expect(run(state, sideHeartbeats('UA', 2)).outputs).toEqual([]);
    expect(checkLiveFeeds(state, ctx(5_500))).toEqual([]);
    const [alarm] = checkLiveFeeds(state, ctx(6_500));
    expect(alarm).toMatchObject({ crossingPoint: POINT, country: 'MD', recovered: false });
    expect(checkLiveFeeds(state, ctx(9_000))).toEqual([]); // raised once
    // UA moves far on: the exit's window passes, but MD is stale, so nobody is called overdue.
    const later: OutputEvent[] = run(state, sideHeartbeats('UA', 300)).outputs;
    expect(later.filter((o) => o.type === 'CrossingOverdue')).toEqual([]);
    // UA moving again does not recover MD; MD moving does.
    expect(run(state, sideHeartbeats('UA', 301)).outputs).toEqual([]);
    // MD moving recovers it; MD now vouches it saw no entry, so the exit is overdue after all.
    const recovered = run(state, sideHeartbeats('MD', 301)).outputs;
    expect(recovered.map((o) => o.type)).toEqual(['FeedStale', 'CrossingOverdue']);
    expect(recovered[0]!.data).toMatchObject({ country: 'MD', recovered: true });
  });

  it('reports which side watermarks a batch moved (a side counts from the first heartbeat heard at its post)', () => {
    const state = initialState();
    expect(run(state, sideHeartbeats('UA', 0)).advanced.sort()).toEqual([
      `${POINT}|MD`,
      `${POINT}|UA`,
    ]);
    expect(run(state, sideHeartbeats('UA', 0)).advanced).toEqual([]);
    expect(
      run(state, [...sideHeartbeats('MD', 1), ...sideHeartbeats('UA', 1)]).advanced.sort(),
    ).toEqual([`${POINT}|MD`, `${POINT}|UA`]);
  });
});
