import { type LatencyPercentiles, PERCENTILES, type PercentileName } from './latency-histograms';

/** Upper bounds in ms on some percentiles, e.g. `{ p99: 2000 }`. */
export type Slo = Partial<Record<PercentileName, number>>;

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000 };

/** `p99=2s,p50=200ms` (units ms, s, m; a bare number is ms). Every problem is named. */
export function parseSlo(text: string): Slo {
  const slo: Slo = {};
  const problems: string[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(p50|p90|p99|p999|max)\s*[=<]=?\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(part);
    if (!m) {
      problems.push(
        `'${part}': expected <percentile>=<time>, percentile one of ${PERCENTILES.join(', ')}, time like 250ms, 2s or 1m`,
      );
      continue;
    }
    slo[m[1] as PercentileName] = Number(m[2]) * UNITS[m[3] ?? 'ms']!;
  }
  if (problems.length > 0) throw new Error(`invalid SLO:\n  ${problems.join('\n  ')}`);
  if (Object.keys(slo).length === 0) throw new Error('invalid SLO: no bound given');
  return slo;
}

export interface SloBreach {
  series: string;
  percentile: PercentileName;
  measuredMs: number;
  boundMs: number;
}

/** Every series must meet every bound; a series with no samples cannot breach. */
export function sloBreaches(
  slo: Slo,
  series: ReadonlyArray<{ key: string; percentiles: LatencyPercentiles }>,
): SloBreach[] {
  const breaches: SloBreach[] = [];
  for (const { key, percentiles } of series) {
    if (percentiles.count === 0) continue;
    for (const name of PERCENTILES) {
      const bound = slo[name];
      if (bound !== undefined && percentiles[name] > bound)
        breaches.push({
          series: key,
          percentile: name,
          measuredMs: percentiles[name],
          boundMs: bound,
        });
    }
  }
  return breaches;
}
