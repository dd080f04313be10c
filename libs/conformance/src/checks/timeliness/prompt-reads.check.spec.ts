import { type PlateRead } from '@uamd/domain';
import { type ObservedEvent } from '@uamd/traffic';
import { exchangedAll, observedTraffic, runCheck, withData } from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import {
  DEFAULT_PROMPT_READS,
  PromptReadsCheck,
  type PromptReadsParameters,
} from './prompt-reads.check';

/** `tiny` has a few reads per camera: every camera is judged here (minReads 1). */
const TINY: PromptReadsParameters = { ...DEFAULT_PROMPT_READS, minShare: 0.99, minReads: 1 };
/** What "within the target" allows: the target plus the clock allowance. */
const WITHIN_MS = (TINY.targetSeconds + TINY.clockAllowanceSeconds) * 1000;
const run = (events: readonly ObservedEvent[], parameters: PromptReadsParameters = TINY) =>
  runCheck(new PromptReadsCheck(DEFAULT_CHECK_OPTIONS, parameters), exchangedAll(events));

describe('TC-TIME-3 prompt reads (advisory)', () => {
  const tiny = observedTraffic();
  const cameraId = 'MD-1-EXIT-L1';
  const reads = tiny.flatMap((e, i) =>
    e.event.type === 'PlateRead' && e.event.data.cameraId === cameraId ? [i] : [],
  );
  const cameras = new Set(
    tiny.flatMap((e) => (e.event.type === 'PlateRead' ? [e.event.data.cameraId] : [])),
  );
  /** `tiny` with the camera's n-th read delivered `delayMs` after its capture. */
  const delayed = (n: number, delayMs: number) => {
    const events = [...tiny];
    const i = reads[n]!;
    events[i] = withData(tiny[i]!, { captureTime: tiny[i]!.deliverAt - delayMs });
    return events;
  };

  it('given clean traffic without noise, then every camera delivers every read within 60 s', () => {
    const result = run(tiny);
    expect({ verdict: result.verdict, checked: result.checked }).toEqual({
      verdict: 'pass',
      checked: cameras.size,
    });
    expect(result.figures![`${cameraId} share within 60 s`]).toBe(1);
  });

  it('given one read of a camera a second past the target and allowance, then that camera alone is below 99% and the advisory fails', () => {
    const result = run(delayed(3, WITHIN_MS + 1_000));
    const share = (reads.length - 1) / reads.length;
    expect({ verdict: result.verdict, violations: result.violations }).toEqual({
      verdict: 'fail',
      violations: 1,
    });
    expect(result.samples).toEqual([
      expect.objectContaining({
        position: `record ${reads[3]! + 1}`,
        eventId: (tiny[reads[3]!]!.event.data as PlateRead).eventId,
        reason: `camera ${cameraId}: ${(share * 100).toFixed(1)}% of ${reads.length} reads delivered within 60 s of capture (+180 s clock allowance; 1 later), below 99.0%`,
      }),
    ]);
    expect(result.figures![`${cameraId} share within 60 s`]).toBe(Number(share.toFixed(4)));
  });

  it('given a read exactly the target plus the allowance after capture, then it is within', () => {
    expect(run(delayed(3, WITHIN_MS)).verdict).toBe('pass');
  });

  it('given the default minimum of reads, then cameras with fewer reads are not judged', () => {
    const result = run(delayed(3, WITHIN_MS + 1_000), DEFAULT_PROMPT_READS);
    expect(reads.length).toBeLessThan(DEFAULT_PROMPT_READS.minReads);
    expect(result.violations).toBe(0);
    expect(result.figures![`${cameraId} share within 60 s`]).toBeLessThan(1);
  });

  it('given a lower agreed share, then the same late read passes', () => {
    const result = run(delayed(3, WITHIN_MS + 1_000), { ...TINY, minShare: 0.5 });
    expect(result.verdict).toBe('pass');
    expect(result.condition.parameters['minShare']).toBe(0.5);
  });

  it('given no plate reads at all, then the condition does not apply', () => {
    const declarations = tiny.filter((e) => e.event.type === 'CustomsDeclaration');
    expect(run(declarations)).toEqual(
      expect.objectContaining({ checked: 0, violations: 0, verdict: 'not-applicable' }),
    );
  });
});
