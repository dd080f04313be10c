import { type ConditionResult } from '../condition';
import { type ConformanceReport } from '../conformance-run';
import { overallLine } from './overall-verdict';
import { counted, deliveryRange, verdictLabel } from './report-format';
import { visibleText } from './visible-text';

export interface SummaryTableOptions {
  /** Samples printed under each failing condition (default 5); the rest are counted. */
  samplesShown?: number;
}

interface Column {
  heading: string;
  cell: (result: ConditionResult) => string;
  alignRight?: boolean;
}

const COLUMNS: readonly Column[] = [
  { heading: 'id', cell: (r) => r.condition.id },
  { heading: 'title', cell: (r) => r.condition.title },
  { heading: 'severity', cell: (r) => r.condition.severity },
  { heading: 'checked', cell: (r) => String(r.checked), alignRight: true },
  { heading: 'violations', cell: (r) => String(r.violations), alignRight: true },
  { heading: 'verdict', cell: (r) => verdictLabel(r.verdict) },
];

/**
 * The report for a terminal: what was read, one aligned row per condition, the first
 * offenders of each failing one, and the overall verdict last, where the eye lands. Every
 * string from the source goes through `visibleText`, so a partner's ESC or bidi override
 * cannot recolour the terminal or reorder the line.
 */
export function summaryTable(report: ConformanceReport, options: SummaryTableOptions = {}): string {
  const samplesShown = Math.max(0, options.samplesShown ?? 5);
  const lines = [
    `source: ${visibleText(report.source.kind)} ${visibleText(report.source.name)}`,
    `records: ${report.records}, delivered ${deliveryRange(report.firstDeliveredAt, report.lastDeliveredAt)}`,
    '',
    ...alignedRows(report.results),
  ];
  for (const result of report.results.filter((r) => r.verdict === 'fail')) {
    lines.push('', ...failureLines(result, samplesShown));
  }
  lines.push('', visibleText(overallLine(report)));
  return `${lines.join('\n')}\n`;
}

/** Heading, rule and one row per result; widths in code points, which CJK or emoji would skew. */
function alignedRows(results: readonly ConditionResult[]): string[] {
  const headings = COLUMNS.map((c) => c.heading);
  const cells = results.map((r) => COLUMNS.map((c) => visibleText(c.cell(r))));
  const widths = COLUMNS.map((_, i) =>
    Math.max(...[headings, ...cells].map((row) => width(row[i] ?? ''))),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - width(cell));
        return COLUMNS[i]?.alignRight ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(headings), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}

function failureLines(result: ConditionResult, samplesShown: number): string[] {
  const { condition, violations, samples } = result;
  const shown = samples.slice(0, samplesShown);
  const lines = [
    `${visibleText(condition.id)} ${visibleText(condition.title)} (${condition.severity}): ${counted(violations, 'violation')}`,
    ...shown.map((s) => {
      const where = s.eventId === undefined ? s.topic : `${s.topic}, id ${s.eventId}`;
      return `  ${visibleText(s.position)} (${visibleText(where)}): ${visibleText(s.reason)}`;
    }),
  ];
  const more = violations - shown.length;
  if (more > 0) lines.push(`  … and ${more} more`);
  return lines;
}

function width(text: string): number {
  return Array.from(text).length;
}
