import { type CrossingDiscrepancy } from '@uamd/domain';
import { declaration, plateRead, sideHeartbeats } from '../libs/domain/src/testing/event-builders';
import { ExchangeHarness } from './support/exchange-harness';
import { waitFor } from './support/wait-for';

const discrepancies = (h: ExchangeHarness): CrossingDiscrepancy[] =>
  h.outputs.flatMap((o) => (o.event.type === 'CrossingDiscrepancy' ? [o.event.data] : []));

describe('noise-tolerant matching and declarations on the real broker and Redis', () => {
  let h: ExchangeHarness;

  afterEach(async () => {
    await h.close();
  });

  it('pairs misread reads, absorbs a duplicate, and links declarations across a restart (cases persisted in Redis)', async () => {
    h = await ExchangeHarness.create('noisy');
    const first = await h.startReconciler();
    const exit = plateRead('UA', 'EXIT', 'ВС 4821 КА', 0, { vehicleCategory: 'TRUCK' });
    const duplicate = plateRead('UA', 'EXIT', 'BC4821KA', 0.03, { vehicleCategory: 'TRUCK' });
    const exportDecl = declaration('UA', 'EXPORT', '000000000101', 'BC 4821 KA', -60, [
      ['870323', 1000],
    ]);
    await h.publishAndVouch(1, exportDecl, exit, duplicate);
    await h.drained(first);
    await first.stop();

    const second = await h.startReconciler();
    // The entry camera misreads 8 as B and 2 as Z; the import declares 30% more mass.
    const entry = plateRead('MD', 'ENTRY', 'BC4BZ1KA', 20, {
      vehicleCategory: 'TRUCK',
      ocrConfidence: 0.7,
    });
    const importDecl = declaration('MD', 'IMPORT', '000000000101', 'BC4821KA', -30, [
      ['870323', 1300],
    ]);
    await h.publish(importDecl, entry, ...sideHeartbeats('UA', 30), ...sideHeartbeats('MD', 30));
    await h.drained(second);
    const [crossing] = await waitFor(() => h.matched().length > 0 && h.matched(), 'the crossing');
    expect(crossing).toMatchObject({
      exitEventId: exit.data.eventId,
      entryEventId: entry.data.eventId,
    });
    expect(crossing!.score).toBeLessThan(1);
    const [found] = await waitFor(
      () => discrepancies(h).length > 0 && discrepancies(h),
      'the gross-mass discrepancy',
    );
    expect(found).toMatchObject({ reason: 'GROSS_MASS_MISMATCH' });
    expect(found!.sourceEventIds).toEqual(
      expect.arrayContaining([exportDecl.data.eventId, importDecl.data.eventId]),
    );
    await h.drained(second);
    expect(h.matched()).toHaveLength(1);
    expect(h.outputs.filter((o) => o.event.type === 'CrossingOverdue')).toEqual([]);
  });
});
