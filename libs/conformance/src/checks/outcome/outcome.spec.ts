import { normalisePlate } from '@uamd/domain';
import { type ObservedEvent } from '@uamd/traffic';
import { exchangedAll, observedTraffic, runCheck } from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { DeclaredBeforeCrossingCheck } from './declared-after-crossing.check';
import { ExchangeOutcomeCheck } from './exchange-outcome.check';

function outcomeOf(events: readonly ObservedEvent[]) {
  const outcome = new ExchangeOutcomeCheck(DEFAULT_CHECK_OPTIONS);
  const declared = new DeclaredBeforeCrossingCheck(DEFAULT_CHECK_OPTIONS, outcome);
  const records = exchangedAll(events);

  // Both checks see every record, as the runner shows them, in this order.
  const both = {
    condition: outcome.condition,
    observe: (r: Parameters<ExchangeOutcomeCheck['observe']>[0]) => {
      outcome.observe(r);
      declared.observe(r);
    },
    finish: () => outcome.finish(),
  };
  return { outcome: runCheck(both, records), declared: runCheck(declared, []) };
}

describe('exchange outcome conditions', () => {
  const demo = observedTraffic('demo', 42);

  it('given the clean demo, then every route has its exits matched and declarations lodged after the crossing stay rare', () => {
    const { outcome, declared } = outcomeOf(demo);
    expect(outcome.verdict).toBe('pass');
    expect(outcome.checked).toBeGreaterThan(400);
    expect(Object.keys(outcome.figures!).filter((k) => k.endsWith('matched share'))).toHaveLength(
      6,
    );
    expect(declared.verdict).toBe('pass');
    expect(declared.figures!['share lodged after the crossing']).toBeLessThanOrEqual(0.05);
    expect(declared.checked).toBe(demo.filter((e) => e.event.type === 'CustomsDeclaration').length);
  });

  // Palanca's window (120 min) closes within the demo for its early exits; Otaci's (240) does not.
  it("given Moldova's entry reads at Palanca dropped, then TC-OUT-1 fails that route alone", () => {
    const point = 'maiaki-udobne-palanca';
    const { outcome } = outcomeOf(
      demo.filter(
        (e) =>
          !(
            e.event.type === 'PlateRead' &&
            e.event.data.crossingPoint === point &&
            e.event.data.country === 'MD' &&
            e.event.data.direction === 'ENTRY'
          ),
      ),
    );
    expect(outcome.verdict).toBe('fail');
    expect(outcome.violations).toBe(1);
    expect(outcome.samples[0]!.position).toBe(`${point} UA-MD`);
    expect(outcome.figures![`${point} UA-MD matched share`]).toBe(0);
    expect(outcome.samples[0]!.reason).toMatch(/^0 of \d+ exits matched in the window/);
  });

  const hour = 3_600_000;

  /** The traffic with some declarations lodged and delivered an hour later, moved to their new place. */
  function lodgedLater(
    events: readonly ObservedEvent[],
    pick: (e: ObservedEvent) => boolean,
    by = hour,
  ) {
    const later: ObservedEvent[] = [];
    const kept = events.filter((e) => {
      if (e.event.type !== 'CustomsDeclaration' || !pick(e)) return true;
      const data = e.event.data;
      later.push({
        deliverAt: e.deliverAt + by,
        event: {
          type: 'CustomsDeclaration',
          data: { ...data, lodgedAt: data.lodgedAt + by, releasedAt: data.lodgedAt + by },
        },
      });
      return false;
    });
    return [...kept, ...later].sort((a, b) => a.deliverAt - b.deliverAt);
  }

  it('given one import declaration lodged an hour after its vehicle entered, then TC-DECL-2 counts it and names it', () => {
    const baseline = outcomeOf(demo).declared;
    // An import whose vehicle's entry read is in the traffic, with its plate read exactly.
    const entries = new Map<string, number>();
    for (const e of demo)
      if (e.event.type === 'PlateRead' && e.event.data.direction === 'ENTRY')
        entries.set(normalisePlate(e.event.data.plateText), e.event.data.captureTime);
    const importDeclaration = demo.find(
      (e) =>
        e.event.type === 'CustomsDeclaration' &&
        e.event.data.kind === 'IMPORT' &&
        entries.has(normalisePlate(e.event.data.tractorPlate)),
    )!;
    const entered = entries.get(
      normalisePlate((importDeclaration.event.data as { tractorPlate: string }).tractorPlate),
    )!;
    const shift = entered + hour - importDeclaration.deliverAt;
    const { declared } = outcomeOf(lodgedLater(demo, (e) => e === importDeclaration, shift));
    expect(declared.violations).toBe(baseline.violations + 1);
    expect(declared.samples.map((s) => s.reason).join('\n')).toContain(
      importDeclaration.event.data.eventId,
    );
  });

  it('given every import declaration of Moldova lodged an hour late, then TC-DECL-2 fails on its share', () => {
    const { declared } = outcomeOf(
      lodgedLater(
        demo,
        (e) =>
          e.event.data.country === 'MD' && 'kind' in e.event.data && e.event.data.kind === 'IMPORT',
      ),
    );
    expect(declared.verdict).toBe('fail');
    expect(declared.figures!['share lodged after the crossing']).toBeGreaterThan(0.05);
  });
});
