import { type ConformanceReport } from '../conformance-run';
import { conditionSection, factsTable, sectionId, verdictBadge } from './condition-section';
import { htmlText } from './html-text';
import { overallVerdict } from './overall-verdict';
import { isoUtc, verdictLabel } from './report-format';
import { REPORT_CSS } from './report-style';

export interface HtmlReportOptions {
  /** When the report was made, as the caller wants it shown (libs take no clock). */
  generatedAt?: string;
}

const TITLE = 'UA–MD data exchange: conformance report';

/**
 * Blocks every fetch and script, so that even a mistake in escaping could neither run a
 * partner's text nor load anything: the file is read offline, and must read the same.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

/**
 * The report as one self-contained HTML file to send to the partner administration: no
 * scripts, no external assets, inline CSS and SVG, printable. Every string from the report is
 * escaped, with invisible characters shown by code point.
 */
export function htmlReport(report: ConformanceReport, options: HtmlReportOptions = {}): string {
  return [
    '<!doctype html>',
    '<html lang="en" dir="ltr">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${TITLE}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${TITLE}</h1>`,
    '<p class="note"><strong>Reconstructed conditions.</strong> The conditions checked here are ' +
      "this project's reconstruction of the technical conditions of the UA–MD data exchange: the " +
      'signed text is not public, so rule wording, identifiers and parameters are the ' +
      "project's reading of it, not the agreement's own.</p>",
    '</header>',
    overallBox(report),
    sourceSection(report, options),
    summarySection(report),
    ...report.results.map(conditionSection),
    '<footer>Advisory conditions are reported but do not decide the overall verdict; a ' +
      'condition is not applicable when nothing in the source fell under it.</footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function overallBox(report: ConformanceReport): string {
  const { verdict, reason } = overallVerdict(report);
  return (
    `<div class="overall ${verdict}" role="status"><strong>Overall verdict: ${verdictLabel(verdict)}</strong>` +
    `${reason === '' ? '' : ` <span>${htmlText(reason)}</span>`}</div>`
  );
}

function sourceSection(report: ConformanceReport, options: HtmlReportOptions): string {
  const { source, firstDeliveredAt: first, lastDeliveredAt: last } = report;
  const mandatory = report.results.filter((r) => r.condition.severity === 'mandatory').length;
  const rows: [string, string][] = [
    ['Source', `${htmlText(source.kind)}: <span class="mono">${htmlText(source.name)}</span>`],
    [
      'Delivery time (UTC)',
      first === null || last === null
        ? 'no records delivered'
        : `${htmlText(isoUtc(first))} to ${htmlText(isoUtc(last))}`,
    ],
    ['Records checked', htmlText(report.records)],
    [
      'Conditions',
      `${report.results.length} (${mandatory} mandatory, ${report.results.length - mandatory} advisory)`,
    ],
  ];
  if (options.generatedAt !== undefined) {
    rows.push(['Report generated', htmlText(options.generatedAt)]);
  }
  const details = source.details ?? {};
  return [
    '<h2>What was checked</h2>',
    `<table class="facts">${rows.map(([th, td]) => `<tr><th scope="row">${th}</th><td>${td}</td></tr>`).join('')}</table>`,
    ...(Object.keys(details).length > 0
      ? ['<h3>Source details</h3>', factsTable(details, 'No details.')]
      : []),
  ].join('\n');
}

function summarySection(report: ConformanceReport): string {
  const rows = report.results.map(
    (r, i) =>
      `<tr><td class="mono"><a href="#${sectionId(i)}">${htmlText(r.condition.id)}</a></td>` +
      `<td>${htmlText(r.condition.title)}</td><td>${htmlText(r.condition.severity)}</td>` +
      `<td class="num">${htmlText(r.checked)}</td><td class="num">${htmlText(r.violations)}</td>` +
      `<td>${verdictBadge(r.verdict)}</td></tr>`,
  );
  return [
    '<h2>Summary</h2>',
    '<table class="summary"><thead><tr><th>id</th><th>title</th><th>severity</th>' +
      '<th>checked</th><th>violations</th><th>verdict</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
  ].join('\n');
}
