import { type ConformanceReport } from '../conformance-run';
import { counted, verdictLabel } from './report-format';

/** The overall verdict and why, in one sentence both renderers print. */
export interface OverallVerdict {
  verdict: ConformanceReport['verdict'];
  /** `2 mandatory conditions failed: TC-FEED-1, TC-TIME-1; 1 advisory: TC-TIME-3`. */
  reason: string;
}

/**
 * Names every condition that keeps the report from a clean pass: failed mandatory ones (the
 * verdict), failed advisory ones (reported, not fatal) and those nothing applied to, so a
 * `PASS` over conditions that never ran cannot be mistaken for `all met`.
 */
export function overallVerdict(report: ConformanceReport): OverallVerdict {
  const ids = (severity: 'mandatory' | 'advisory', verdict: 'fail' | 'not-applicable') =>
    report.results
      .filter((r) => r.condition.severity === severity && r.verdict === verdict)
      .map((r) => r.condition.id);
  const mandatory = report.results.filter((r) => r.condition.severity === 'mandatory').length;
  const mandatoryFailed = ids('mandatory', 'fail');
  const advisoryFailed = ids('advisory', 'fail');
  const notApplicable = report.results
    .filter((r) => r.verdict === 'not-applicable')
    .map((r) => r.condition.id);
  const mandatoryNotApplicable = ids('mandatory', 'not-applicable').length;

  const parts: string[] = [];
  if (report.verdict === 'fail') {
    if (mandatoryFailed.length > 0) {
      parts.push(
        `${counted(mandatoryFailed.length, 'mandatory condition')} failed: ${mandatoryFailed.join(', ')}`,
      );
    }
    if (advisoryFailed.length > 0) {
      parts.push(`${advisoryFailed.length} advisory: ${advisoryFailed.join(', ')}`);
    }
  } else {
    if (mandatory === 0) parts.push('no mandatory conditions checked');
    else if (mandatoryNotApplicable === 0) {
      parts.push(`all ${counted(mandatory, 'mandatory condition')} met`);
    } else {
      parts.push(`${mandatory - mandatoryNotApplicable} of ${mandatory} mandatory conditions met`);
    }
    if (advisoryFailed.length > 0) {
      parts.push(`${advisoryFailed.length} advisory failed: ${advisoryFailed.join(', ')}`);
    }
  }
  if (notApplicable.length > 0) {
    parts.push(`${notApplicable.length} not applicable: ${notApplicable.join(', ')}`);
  }
  return { verdict: report.verdict, reason: parts.join('; ') };
}

/** `conformance: FAIL (…)`: the last line of the terminal summary. */
export function overallLine(report: ConformanceReport): string {
  const { verdict, reason } = overallVerdict(report);
  return reason === ''
    ? `conformance: ${verdictLabel(verdict)}`
    : `conformance: ${verdictLabel(verdict)} (${reason})`;
}
