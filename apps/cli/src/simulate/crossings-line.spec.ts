import { type OutputEvent } from '@uamd/domain';
import { flattenOutputs } from '@uamd/evaluation';
import { FIXTURES } from '../../../../libs/codec/src/codec.fixtures';
import { crossingsLine, isoTime, TIME_FIELDS } from './crossings-line';

const OUTPUTS: OutputEvent[] = [
  FIXTURES.crossingMatched,
  FIXTURES.crossingMatchedAfterAlarm,
  FIXTURES.crossingOverdue,
  FIXTURES.crossingDiscrepancy,
  FIXTURES.feedStale,
];

const parse = (event: OutputEvent) => JSON.parse(crossingsLine(event)) as Record<string, unknown>;

describe('crossings.jsonl lines', () => {
  it('carries each time as ISO-8601 UTC beside its epoch value', () => {
    const line = parse(FIXTURES.crossingMatched);
    expect(line.exitCaptureTime).toBe(Date.UTC(2025, 4, 12, 8, 30, 15, 250));
    expect(line.exitCaptureTimeIso).toBe('2025-05-12T08:30:15.250Z');
    expect(line.entryCaptureTimeIso).toBe('2025-05-12T08:41:02.000Z');
    expect(line.decidedAtIso).toBe('2025-05-12T08:41:02.512Z');
    // Right after its epoch field, so a reader sees the pair together.
    const keys = Object.keys(line);
    expect(
      keys.slice(keys.indexOf('exitCaptureTime'), keys.indexOf('exitCaptureTime') + 2),
    ).toEqual(['exitCaptureTime', 'exitCaptureTimeIso']);
  });

  it.each(OUTPUTS.map((o) => [o.type, o] as const))(
    '%s: every ISO field parses back to its epoch value, a null time stays null',
    (_type, event) => {
      const line = parse(event);
      for (const field of TIME_FIELDS[event.type] as string[]) {
        const epoch = line[field] as number | null;
        expect(epoch).toBe((event.data as unknown as Record<string, unknown>)[field]);
        const iso = line[`${field}Iso`] as string | null;
        // Round trip: the ISO string read back is the epoch value; a null time stays null.
        expect(iso === null ? null : Date.parse(iso)).toBe(epoch);
        expect(iso === null).toBe(epoch === null);
      }
    },
  );

  it.each(OUTPUTS.map((o) => [o.type, o] as const))(
    '%s: every number field but the score is a time with an ISO twin',
    (_type, event) => {
      const line = parse(event);
      const numbers = Object.entries(event.data)
        .filter(([field, v]) => field !== 'score' && typeof v === 'number')
        .map(([field]) => field);
      expect(numbers.length).toBeGreaterThan(0);
      for (const field of numbers) expect(line).toHaveProperty(`${field}Iso`);
    },
  );

  it('keeps every published field as it was, so the readers of the file see what they read before', () => {
    for (const event of OUTPUTS) {
      const line = parse(event);
      const withoutIso = Object.fromEntries(
        Object.entries(line).filter(([field]) => !field.endsWith('Iso')),
      );
      expect(withoutIso).toEqual(flattenOutputs([event])[0]);
    }
  });

  it('gives no ISO string for a value no date can hold', () => {
    expect(isoTime(null)).toBeNull();
    expect(isoTime(Number.NaN)).toBeNull();
    expect(isoTime(9e15)).toBeNull();
    expect(isoTime(0)).toBe('1970-01-01T00:00:00.000Z');
  });
});
