import { sideHeartbeats } from '../libs/domain/src/testing/event-builders';
import { ExchangeHarness } from './support/exchange-harness';
import { waitFor } from './support/wait-for';

describe('live stale feeds on the wall clock, on the real broker and Redis', () => {
  let h: ExchangeHarness;

  afterAll(async () => {
    await h.close();
  });

  it('flags the Moldovan feed when its heartbeats stop while the Ukrainian ones go on, before event time could, and clears it when they resume', async () => {
    h = await ExchangeHarness.create('live-stale');
    const runtime = await h.startReconciler({ liveStaleAfterMs: 1_500 });
    await h.publish(...sideHeartbeats('UA', 0), ...sideHeartbeats('MD', 0));
    await h.drained(runtime);
    // UA keeps sending every 0.4 s of wall clock, 15 s of event time each: far below the
    // 10-minute event-time lag, so only the wall-clock rule can see MD's silence.
    let minute = 0;
    const stale = await waitFor(async () => {
      minute += 0.25;
      await h.publish(...sideHeartbeats('UA', minute));
      await new Promise((resolve) => setTimeout(resolve, 400));
      const alarms = h.outputsOf('FeedStale');
      return alarms.length > 0 && alarms;
    }, 'a live FeedStale');
    expect(stale).toEqual([
      expect.objectContaining({
        country: 'MD',
        crossingPoint: 'mohyliv-podilskyi-otaci',
        recovered: false,
      }),
    ]);
    expect(minute).toBeLessThan(10);
    // MD comes back; one more tick of both lets the merge release MD's latest heartbeats too.
    await h.publish(...sideHeartbeats('MD', minute));
    await h.publish(...sideHeartbeats('UA', minute + 0.25), ...sideHeartbeats('MD', minute + 0.25));
    const recovered = await waitFor(
      () =>
        h.outputsOf('FeedStale').filter((a) => a.recovered).length > 0 && h.outputsOf('FeedStale'),
      'the recovery',
    );
    expect(recovered.map((a) => [a.country, a.recovered])).toEqual([
      ['MD', false],
      ['MD', true],
    ]);
  });
});
