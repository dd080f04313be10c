import { createHash } from 'node:crypto';

/** Output ids derive from source ids (docs/design.md §4): a republish is recognisably the same decision. */
function digest(prefix: string, ...parts: string[]): string {
  return `${prefix}-${createHash('sha1').update(parts.join('\u0000')).digest('base64url').slice(0, 20)}`;
}

export const crossingIdOf = (exitEventId: string, entryEventId: string) =>
  digest('xm', exitEventId, entryEventId);
export const overdueIdOf = (exitEventId: string) => digest('od', exitEventId);
export const staleIdOf = (
  crossingPoint: string,
  country: string,
  watermark: number,
  recovered: boolean,
) => digest('fs', crossingPoint, country, String(watermark), recovered ? 'recovered' : 'stale');
export const discrepancyIdOf = (mrn: string, reason: string) => digest('dc', mrn, reason);
