import { plateRead, sideHeartbeats } from '../libs/domain/src/testing/event-builders';
import { ExchangeHarness } from './support/exchange-harness';
import { waitFor } from './support/wait-for';

describe('overdue exits and stale feeds from heartbeats, on the real broker and Redis', () => {
  let h: ExchangeHarness;

  afterAll(async () => {
    await h.close();
  });

  it('calls an exit overdue while no vehicle arrives, matches the late entry against the alarm, and flags a feed that stops', async () => {
    h = await ExchangeHarness.create('overdue');
    await h.startReconciler();
    // Mohyliv-Podilskyi–Otaci: transit window up to 240 min, plus 3 min clock skew.
    const exit = plateRead('UA', 'EXIT', 'OD1234OD', 0);
    await h.publish(exit, ...sideHeartbeats('UA', 0), ...sideHeartbeats('MD', 0));
    await h.publish(...sideHeartbeats('UA', 240), ...sideHeartbeats('MD', 240));
    await h.publish(...sideHeartbeats('UA', 244), ...sideHeartbeats('MD', 244));
    // The merge releases a time once every input has shown a later one: the next tick.
    await h.publish(...sideHeartbeats('UA', 244.5), ...sideHeartbeats('MD', 244.5));
    const [alarm] = await waitFor(
      () => h.outputsOf('CrossingOverdue').length > 0 && h.outputsOf('CrossingOverdue'),
      'the overdue alarm',
    );
    expect(alarm!).toMatchObject({ exitEventId: exit.data.eventId, exitCountry: 'UA' });
    expect(h.outputsOf('CrossingMatched')).toHaveLength(0);

    const lateEntry = plateRead('MD', 'ENTRY', 'OD1234OD', 242);
    await h.publishAndVouch(245, lateEntry);
    const [crossing] = await waitFor(
      () => h.matched().length > 0 && h.matched(),
      'the late crossing',
    );
    expect(crossing).toMatchObject({
      entryEventId: lateEntry.data.eventId,
      overdueAlarmId: alarm!.alarmId,
    });

    // One Moldovan camera at the post goes silent while every other feed keeps vouching: the
    // Moldovan watermark (its oldest camera) stalls at 245 while Ukraine's moves on.
    const moldovaWithoutOneCamera = (minute: number) => sideHeartbeats('MD', minute).slice(0, -1);
    await h.publish(...sideHeartbeats('UA', 250), ...moldovaWithoutOneCamera(250));
    await h.publish(...sideHeartbeats('UA', 260), ...moldovaWithoutOneCamera(260));
    await h.publish(...sideHeartbeats('UA', 261), ...moldovaWithoutOneCamera(261));
    await h.publish(...sideHeartbeats('UA', 262), ...moldovaWithoutOneCamera(262));
    const [stale] = await waitFor(
      () => h.outputsOf('FeedStale').length > 0 && h.outputsOf('FeedStale'),
      'the stale-feed alarm',
    );
    expect(stale!).toMatchObject({
      crossingPoint: 'mohyliv-podilskyi-otaci',
      country: 'MD',
      recovered: false,
    });
  });
});
