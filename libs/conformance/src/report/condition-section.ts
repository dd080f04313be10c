import { type ConditionResult, type Verdict } from '../condition';
import { distributionChart } from './distribution-chart';
import { escapeHtml, htmlText } from './html-text';
import { counted } from './report-format';

const VERDICT_WORDS: Readonly<Record<Verdict, string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  'not-applicable': 'not applicable',
};

/** The verdict as a word in a coloured box: the word carries it, the colour only helps. */
export function verdictBadge(verdict: Verdict): string {
  // A report read back from JSON is the sender's text: even the verdict is escaped.
  const word = (VERDICT_WORDS as Partial<Record<string, string>>)[verdict] ?? htmlText(verdict);
  return `<span class="verdict ${escapeHtml(verdict)}">${word}</span>`;
}

/** The fragment the summary table links to; by position, since ids are the partner's text too. */
export function sectionId(index: number): string {
  return `condition-${index + 1}`;
}

/** One condition in full: its rule, parameters, figures, first offenders and distributions. */
export function conditionSection(result: ConditionResult, index: number): string {
  const { condition } = result;
  const id = sectionId(index);
  return [
    `<section class="condition" id="${id}">`,
    `<h2><span class="mono">${htmlText(condition.id)}</span> — ${htmlText(condition.title)}</h2>`,
    `<p>${verdictBadge(result.verdict)} · ${htmlText(condition.severity)} · checked ${htmlText(result.checked)} · ${htmlText(counted(result.violations, 'violation'))}</p>`,
    '<h3>Rule</h3>',
    `<blockquote>${htmlText(condition.rule)}</blockquote>`,
    '<h3>Parameters</h3>',
    factsTable(condition.parameters, 'No parameters.'),
    ...(result.figures ? ['<h3>Figures</h3>', factsTable(result.figures, 'No figures.')] : []),
    '<h3>Violations</h3>',
    samplesTable(result),
    ...(result.distributions?.length
      ? [
          '<h3>Distributions</h3>',
          ...result.distributions.map(
            (d, i) =>
              `<figure><figcaption>${htmlText(d.title)} (${htmlText(d.unit)})</figcaption>${distributionChart(d, `${id}-chart-${i + 1}`)}</figure>`,
          ),
        ]
      : []),
    '</section>',
  ].join('\n');
}

/** Name–value rows, in the order the check wrote them (it chose that order for a reader). */
export function factsTable(facts: Readonly<Record<string, number | string>>, none: string): string {
  const rows = Object.entries(facts).map(
    ([name, value]) =>
      `<tr><th scope="row" class="mono">${htmlText(name)}</th><td${typeof value === 'number' ? ' class="num"' : ''}>${htmlText(value)}</td></tr>`,
  );
  return rows.length === 0 ? `<p>${none}</p>` : `<table class="facts">${rows.join('')}</table>`;
}

function samplesTable(result: ConditionResult): string {
  const { samples, violations } = result;
  if (violations === 0) return '<p>No violations.</p>';
  const total = htmlText(counted(violations, 'violation'));
  if (samples.length === 0) return `<p>${total}; none kept as samples.</p>`;
  const intro =
    samples.length >= violations
      ? `<p>All ${total}:</p>`
      : `<p>The first ${samples.length} of ${total}, in source order:</p>`;
  const rows = samples.map(
    (s) =>
      `<tr><td class="mono nowrap">${htmlText(s.position)}</td><td class="mono nowrap">${htmlText(s.topic)}</td>` +
      `<td class="mono">${s.eventId === undefined ? '—' : htmlText(s.eventId)}</td><td>${htmlText(s.reason)}</td></tr>`,
  );
  return [
    intro,
    '<table class="samples"><thead><tr><th>position</th><th>topic</th><th>event id</th><th>reason</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
  ].join('');
}
