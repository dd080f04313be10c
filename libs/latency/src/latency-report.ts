import {
  clampMs,
  LatencyHistograms,
  type LatencyPercentiles,
  msHistogram,
  percentilesOf,
} from './latency-histograms';
import { type LatencyKind, type LatencySample, seriesKey } from './output-latency';
import { type Slo, type SloBreach, sloBreaches } from './slo';

export interface SeriesReport extends LatencyPercentiles {
  kind: LatencyKind;
  crossingPoint: string;
  route: string;
}

export interface LatencyReport {
  /** One per kind, post and route, sorted. */
  series: SeriesReport[];
  /** Over every post and route, per kind (from the histograms, not averaged). */
  overall: Record<LatencyKind, LatencyPercentiles>;
  /** Present when an SLO was given: it bounds match latency, series by series. */
  slo?: { bounds: Slo; breaches: SloBreach[]; pass: boolean };
}

export function latencyReport(
  samples: Iterable<Pick<LatencySample, 'kind' | 'crossingPoint' | 'route' | 'ms'>>,
  slo?: Slo,
): LatencyReport {
  const bySeries = new LatencyHistograms();
  const byKind = { match: msHistogram(), alarm: msHistogram() };
  const labels = new Map<string, Pick<SeriesReport, 'kind' | 'crossingPoint' | 'route'>>();
  for (const s of samples) {
    const key = seriesKey(s);
    labels.set(key, { kind: s.kind, crossingPoint: s.crossingPoint, route: s.route });
    bySeries.record(key, s.ms);
    byKind[s.kind].recordValue(clampMs(s.ms));
  }
  const series = bySeries
    .keys()
    .map((key) => ({ ...labels.get(key)!, ...bySeries.percentiles(key) }));
  const report: LatencyReport = {
    series,
    overall: { match: percentilesOf(byKind.match), alarm: percentilesOf(byKind.alarm) },
  };
  if (slo) {
    const matches = series
      .filter((s) => s.kind === 'match')
      .map((s) => ({ key: `${s.crossingPoint} ${s.route}`, percentiles: s }));
    const breaches = sloBreaches(slo, matches);
    report.slo = { bounds: slo, breaches, pass: breaches.length === 0 };
  }
  return report;
}
