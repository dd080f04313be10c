import { type CustomsDeclaration } from '@uamd/domain';
import { type ObservedEvent } from '@uamd/traffic';
import { exchangedAll, observedTraffic, runCheck, withData } from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { instant } from '../feed/feeds';
import { DeclarationOrderCheck } from './declaration-order.check';

const run = (events: readonly ObservedEvent[]) =>
  runCheck(new DeclarationOrderCheck(DEFAULT_CHECK_OPTIONS), exchangedAll(events));

describe('TC-DECL-1 lodged before released', () => {
  const tiny = observedTraffic();
  const exportIndex = tiny.findIndex(
    (e) => e.event.type === 'CustomsDeclaration' && e.event.data.releasedAt !== null,
  );
  const original = tiny[exportIndex]!;
  const decl = original.event.data as CustomsDeclaration;
  const withRelease = (releasedAt: number | null) => {
    const events = [...tiny];
    events[exportIndex] = withData(original, { releasedAt });
    return events;
  };

  it('given clean generated traffic, then every released declaration was lodged first', () => {
    for (const events of [tiny, observedTraffic('demo', 42)]) {
      const result = run(events);
      expect({ verdict: result.verdict, violations: result.violations }).toEqual({
        verdict: 'pass',
        violations: 0,
      });
      expect(result.checked).toBe(
        events.filter((e) => e.event.type === 'CustomsDeclaration').length,
      );
    }
  });

  it('given a declaration released 5 min before it was lodged, then it is reported', () => {
    const releasedAt = decl.lodgedAt - 5 * 60_000;
    const result = run(withRelease(releasedAt));
    expect(result.violations).toBe(1);
    expect(result.samples).toEqual([
      expect.objectContaining({
        position: `record ${exportIndex + 1}`,
        eventId: decl.eventId,
        reason: `declaration ${decl.mrn} of ${decl.country} declarations at ${decl.crossingPoint}: releasedAt ${instant(releasedAt)} is before lodgedAt ${instant(decl.lodgedAt)}, 300 s earlier`,
      }),
    ]);
  });

  it('given a release at the lodgement instant or none at all, then nothing is reported', () => {
    expect(run(withRelease(decl.lodgedAt)).violations).toBe(0);
    expect(run(withRelease(null)).violations).toBe(0);
  });
});
