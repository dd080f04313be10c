import { type LatencyKind, type LatencyPercentiles, type LatencyReport } from '@uamd/latency';

const TITLES: Record<LatencyKind, string> = {
  match: 'match latency, ms (completing input sent, or due, → CrossingMatched appended)',
  alarm: 'alarm lateness, ms (input closing the window sent → CrossingOverdue appended)',
};
const COLUMNS = ['count', 'p50', 'p90', 'p99', 'p999', 'max'] as const;
const HEAD = ['count', 'p50', 'p90', 'p99', 'p99.9', 'max'];

function row(label: string, p: LatencyPercentiles): string {
  return (
    label.padEnd(34) +
    COLUMNS.map((c, i) => String(p[c]).padStart(HEAD[i] === 'count' ? 7 : 8)).join('')
  );
}

/** The report as a readable table, one block per kind, and the SLO verdict. */
export function latencyTable(report: LatencyReport): string[] {
  const lines: string[] = [];
  for (const kind of ['match', 'alarm'] as const) {
    const series = report.series.filter((s) => s.kind === kind);
    if (series.length === 0) continue;
    lines.push(TITLES[kind]);
    lines.push(
      '  ' +
        'crossing point, route'.padEnd(34) +
        HEAD.map((h, i) => h.padStart(i === 0 ? 7 : 8)).join(''),
    );
    for (const s of series) lines.push('  ' + row(`${s.crossingPoint} ${s.route}`, s));
    lines.push('  ' + row('all', report.overall[kind]));
  }
  if (lines.length === 0)
    lines.push('no latency measured (no crossings or overdue alarms with send-time headers)');
  const slo = report.slo;
  if (slo) {
    const bounds = Object.entries(slo.bounds)
      .map(([p, ms]) => `${p} ≤ ${ms} ms`)
      .join(', ');
    if (slo.pass) lines.push(`SLO ${bounds}: PASS for every crossing point and route`);
    else {
      lines.push(`SLO ${bounds}: FAIL`);
      for (const b of slo.breaches)
        lines.push(`  ${b.series}: ${b.percentile} ${b.measuredMs} ms > ${b.boundMs} ms`);
    }
  }
  return lines;
}
