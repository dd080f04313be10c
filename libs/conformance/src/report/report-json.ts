import { type ConditionResult } from '../condition';
import { type ConformanceReport } from '../conformance-run';

export const REPORT_FORMAT = 'uamd.conformance-report';
export const REPORT_VERSION = 1;

/**
 * Format-invisible characters a terminal or editor would act on (bidi overrides, zero-width
 * characters, C1 controls, line separators). JSON.stringify escapes C0 controls and lone
 * surrogates itself; these it leaves raw. They can only occur inside strings, since JSON's own
 * syntax is ASCII, so writing them as `\uXXXX` changes nothing a parser reads.
 */
const RAW_INVISIBLE = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * The report as pretty JSON (2 spaces), `format` and `version` first, then the verdict and the
 * report in a fixed key order (free-form maps by name), so the same report always gives the same text and two runs
 * diff cleanly. Parsing it and dropping `format` and `version` gives the report back.
 */
export function reportJson(report: ConformanceReport): string {
  const document = {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    verdict: report.verdict,
    source: {
      kind: report.source.kind,
      name: report.source.name,
      details: sortedKeys(report.source.details),
    },
    records: report.records,
    firstDeliveredAt: report.firstDeliveredAt,
    lastDeliveredAt: report.lastDeliveredAt,
    results: report.results.map(orderedResult),
  };
  return `${JSON.stringify(document, null, 2).replace(RAW_INVISIBLE, escapeUnits)}\n`;
}

function orderedResult(result: ConditionResult): ConditionResult {
  const { condition } = result;
  return {
    condition: {
      id: condition.id,
      title: condition.title,
      severity: condition.severity,
      rule: condition.rule,
      parameters: sortedKeys(condition.parameters),
    },
    verdict: result.verdict,
    checked: result.checked,
    violations: result.violations,
    figures: sortedKeys(result.figures),
    samples: result.samples.map((s) => ({
      position: s.position,
      topic: s.topic,
      eventId: s.eventId,
      reason: s.reason,
    })),
    distributions: result.distributions?.map((d) => ({
      title: d.title,
      unit: d.unit,
      series: d.series.map((s) => ({
        key: s.key,
        count: s.count,
        p50: s.p50,
        p90: s.p90,
        p99: s.p99,
        max: s.max,
      })),
    })),
  };
}

/**
 * Free-form name–value maps in name order: their insertion order is an accident of how a
 * check built them, and must not show up as a difference between two runs.
 */
function sortedKeys<T>(facts: Readonly<Record<string, T>>): Readonly<Record<string, T>>;
function sortedKeys<T>(
  facts: Readonly<Record<string, T>> | undefined,
): Readonly<Record<string, T>> | undefined;
function sortedKeys<T>(
  facts: Readonly<Record<string, T>> | undefined,
): Readonly<Record<string, T>> | undefined {
  if (facts === undefined) return undefined;
  return Object.fromEntries(Object.entries(facts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function escapeUnits(char: string): string {
  return Array.from(
    { length: char.length },
    (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`,
  ).join('');
}
