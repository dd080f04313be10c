import { exchangedAll, observedTraffic, runCheck } from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { DecodesCheck } from './decodes.check';
import { TopicFitCheck } from './topic-fit.check';

describe('framing conditions', () => {
  const clean = exchangedAll(observedTraffic());

  it('given clean generated traffic, then every message decodes and fits its topic', () => {
    expect(clean.length).toBeGreaterThan(100);
    for (const check of [
      new DecodesCheck(DEFAULT_CHECK_OPTIONS),
      new TopicFitCheck(DEFAULT_CHECK_OPTIONS),
    ]) {
      const result = runCheck(check, clean);
      expect({
        id: result.condition.id,
        verdict: result.verdict,
        violations: result.violations,
      }).toEqual({
        id: check.condition.id,
        verdict: 'pass',
        violations: 0,
      });
      expect(result.checked).toBe(clean.length);
    }
  });

  it('given random bytes, a truncated frame and an unknown schema id, then TC-FRAME-1 names each reason and position', () => {
    const good = clean[5]!;
    const bad = [
      { ...good, position: 'record 1', value: Buffer.from([0xde, 0xad, 0xbe, 0xef]) },
      { ...good, position: 'record 2', value: good.value!.subarray(0, good.value!.length - 3) },
      { ...good, position: 'record 3', value: Buffer.from([0, 0, 0, 0x7f, 0x7f, 1, 2]) },
      { ...good, position: 'record 4', value: null },
      good,
    ];
    const result = runCheck(new DecodesCheck(DEFAULT_CHECK_OPTIONS), bad);
    expect(result.verdict).toBe('fail');
    expect(result.violations).toBe(4);
    expect(result.samples.map((s) => [s.position, s.reason.split(':')[0]])).toEqual([
      ['record 1', 'BAD_MAGIC'],
      ['record 2', 'TRUNCATED'],
      ['record 3', 'UNKNOWN_SCHEMA_ID'],
      ['record 4', 'EMPTY'],
    ]);
  });

  it("given a UA read on MD's topic and a wrong key, then TC-FRAME-2 reports both", () => {
    const read = clean.find((r) => r.topic === 'ua.plate-reads')!;
    const result = runCheck(new TopicFitCheck(DEFAULT_CHECK_OPTIONS), [
      { ...read, topic: 'md.plate-reads' },
      { ...read, key: 'elsewhere' },
      { ...read, topic: 'ua.telemetry', value: Buffer.from('x') },
    ]);
    expect(result.violations).toBe(3);
    expect(result.samples.map((s) => s.reason)).toEqual([
      expect.stringContaining("on 'md.plate-reads', expected 'ua.plate-reads'"),
      expect.stringContaining("key 'elsewhere' is not the crossing point"),
      "unknown topic 'ua.telemetry'",
    ]);
  });
});
