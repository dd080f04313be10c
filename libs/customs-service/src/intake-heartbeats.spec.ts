import { AvroCodec } from '@uamd/codec';
import { CROSSING_POINTS, sideCameras } from '@uamd/domain';
import { topicNames, type OutgoingRecord } from '@uamd/messaging';
import { IntakeHeartbeats } from './intake-heartbeats';

describe('IntakeHeartbeats (HTTP intake without simulation)', () => {
  it('given a start, sends one heartbeat per camera of its side and one per declaration feed, delivered now and vouching up to now minus the margin', async () => {
    const sends: OutgoingRecord[][] = [];
    const now = Date.UTC(2026, 0, 5, 8, 0, 0);
    const beats = new IntakeHeartbeats({
      encoder: AvroCodec.load(),
      topics: topicNames('t.'),
      partitions: 3,
      country: 'MD',
      producer: {
        send: (r) => Promise.resolve(void sends.push([...r])),
        disconnect: () => Promise.resolve(),
      },
      clock: () => now,
      lateMarginMs: 60_000,
    });
    beats.start();
    await beats.stop();
    const records = sends.flat();
    const cameras = CROSSING_POINTS.reduce((n, p) => n + sideCameras('MD', p.id).size, 0);
    expect(records.filter((r) => r.topic === 't.md.plate-reads')).toHaveLength(cameras);
    expect(records.filter((r) => r.topic === 't.md.declarations')).toHaveLength(
      CROSSING_POINTS.length,
    );
    expect(records.every((r) => r.timestamp === now)).toBe(true);
    const events = beats.heartbeatsAt(now);
    expect(
      events.every(
        (e) => e.type !== 'PlateRead' && 'upTo' in e.data && e.data.upTo === now - 60_000,
      ),
    ).toBe(true);
    expect(new Set(events.map((e) => e.data.eventId)).size).toBe(events.length);
  });
});
