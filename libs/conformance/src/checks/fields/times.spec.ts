import { DEFAULT_MATCHING_CONFIG } from '@uamd/domain';
import { exchangedAll, observedTraffic, runCheck, withData } from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { firstOf, overCleanTraffic } from './field-testing';
import { DEFAULT_MAX_AHEAD_OF_DELIVERY_MS, TimesCheck } from './times.check';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('TC-FIELD-5 times', () => {
  it.each([
    ['tiny', 7],
    // With camera clocks up to 1.5 min off and 1% of reads delivered 1–8 min late.
    ['demo', 42],
  ])('given clean %s traffic, then every time is sane against its delivery', (name, seed) => {
    const { result, applicable } = overCleanTraffic(
      new TimesCheck(DEFAULT_CHECK_OPTIONS),
      name,
      seed,
      ['PlateRead', 'CameraHeartbeat', 'CustomsDeclaration', 'DeclarationHeartbeat'],
    );
    expect([result.verdict, result.violations]).toEqual(['pass', 0]);
    expect(result.checked).toBe(applicable);
  });

  it("given no allowance of its own, then it takes the reconciler's clock-skew bound", () => {
    expect(DEFAULT_MAX_AHEAD_OF_DELIVERY_MS).toBe(DEFAULT_MATCHING_CONFIG.clockSkewMs);
    expect(new TimesCheck(DEFAULT_CHECK_OPTIONS, 60_000).condition.parameters).toEqual({
      earliest: '2000-01-01T00:00:00.000Z',
      maxAheadOfDeliveryMs: 60_000,
    });
  });

  const events = observedTraffic();
  const read = firstOf(events, 'PlateRead');
  const camera = firstOf(events, 'CameraHeartbeat');
  const feed = firstOf(events, 'DeclarationHeartbeat');
  const exported = firstOf(
    events,
    'CustomsDeclaration',
    (e) => e.event.data.kind === 'EXPORT' && e.event.data.releasedAt !== null,
  );
  const allowance = DEFAULT_MAX_AHEAD_OF_DELIVERY_MS;
  const at = read.deliverAt;

  it('given times from the future, or before 2000, then each is named with its figures', () => {
    const lodgedAt = exported.event.data.lodgedAt;
    const result = runCheck(
      new TimesCheck(DEFAULT_CHECK_OPTIONS),
      exchangedAll([
        withData(read, { captureTime: at + allowance + 1 }),
        withData(read, { captureTime: at + allowance }),
        // Delivered 8 min after capture: late, not ahead.
        { ...read, deliverAt: read.event.data.captureTime + 8 * MINUTE },
        withData(read, { captureTime: 0 }),
        withData(camera, { upTo: camera.deliverAt + 10 * MINUTE }),
        withData(feed, { upTo: Date.UTC(1999, 11, 31) }),
        // Released before lodged is TC-DECL-1's, not counted twice.
        withData(exported, { releasedAt: lodgedAt - 1000 }),
        // An export published on lodgement names the release it is scheduled for.
        withData(exported, { releasedAt: exported.deliverAt + 120 * MINUTE }),
        withData(read, { captureTime: Number.MAX_SAFE_INTEGER }),
      ]),
    );
    expect(result.checked).toBe(9);
    expect(result.violations).toBe(5);
    expect(result.samples.map((s) => [s.position, s.reason])).toEqual([
      [
        'record 1',
        `captureTime ${iso(at + allowance + 1)} is ${allowance + 1} ms after its delivery at ${iso(at)}, more than the ${allowance} ms clock-skew allowance`,
      ],
      ['record 4', 'captureTime 1970-01-01T00:00:00.000Z is before 2000-01-01T00:00:00.000Z'],
      [
        'record 5',
        `upTo ${iso(camera.deliverAt + 10 * MINUTE)} is ${10 * MINUTE} ms after its delivery at ${iso(camera.deliverAt)}, more than the ${allowance} ms clock-skew allowance`,
      ],
      ['record 6', 'upTo 1999-12-31T00:00:00.000Z is before 2000-01-01T00:00:00.000Z'],
      [
        'record 9',
        `captureTime ${Number.MAX_SAFE_INTEGER} ms since the epoch is ${Number.MAX_SAFE_INTEGER - at} ms after its delivery at ${iso(at)}, more than the ${allowance} ms clock-skew allowance`,
      ],
    ]);
  });

  it('given a tighter allowance, then a read 2 min ahead of its delivery fails it', () => {
    const result = runCheck(
      new TimesCheck(DEFAULT_CHECK_OPTIONS, MINUTE),
      exchangedAll([withData(read, { captureTime: at + 2 * MINUTE })]),
    );
    expect(result.violations).toBe(1);
    expect(result.samples[0]!.reason).toContain('more than the 60000 ms clock-skew allowance');
  });
});
