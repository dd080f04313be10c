import { hash } from 'node:crypto';

/**
 * Output ids derive from source ids (docs/design.md §4): a republish is recognisably the same
 * decision. One-shot `hash`, the same digest as a `createHash` object without building one per id.
 */
function digest(prefix: string, ...parts: string[]): string {
  return `${prefix}-${hash('sha1', parts.join('\u0000'), 'base64url').slice(0, 20)}`;
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
