import { type CheckedRecord } from './exchanged-record';

export type Severity = 'mandatory' | 'advisory';

/**
 * One rule of the technical conditions (docs/technical-conditions.md): the project's
 * reconstruction, since the signed text is not public. `id` is stable: reports and partners
 * refer to it.
 */
export interface TechnicalCondition {
  id: `TC-${string}`;
  title: string;
  /** The rule in plain language, as the document states it. */
  rule: string;
  severity: Severity;
  /** The figures the rule is checked against, with their units in the name. */
  parameters: Readonly<Record<string, number | string>>;
}

/** One offending message: where it sits in the source, and why it offends. */
export interface Violation {
  /** `record 12` in a file, `ua.plate-reads:0@345` on a topic. */
  position: string;
  topic: string;
  eventId?: string;
  reason: string;
}

/** A latency-like figure per key (camera, post…): what the HTML report draws as a small chart. */
export interface Distribution {
  title: string;
  unit: 'ms' | 's';
  series: DistributionSeries[];
}

export interface DistributionSeries {
  key: string;
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export type Verdict = 'pass' | 'fail' | 'not-applicable';

/** What a check found over the whole source. */
export interface ConditionOutcome {
  /** Messages (or, for share rules, exits or feeds) the rule was applied to. */
  checked: number;
  violations: number;
  /** The first offenders, in source order, up to the run's sample limit. */
  samples: Violation[];
  /** Absent: `fail` when there are violations, `not-applicable` when nothing was checked, else `pass`. */
  verdict?: Verdict;
  /** Figures a person reads beside the verdict (shares, counts), by name. */
  figures?: Readonly<Record<string, number | string>>;
  distributions?: Distribution[];
}

export interface ConditionResult extends ConditionOutcome {
  condition: TechnicalCondition;
  verdict: Verdict;
}

/**
 * Enforces one condition over a stream of exchanged records, in source order, in bounded
 * memory: state per camera, feed or post, never per message (a month-long file is streamed).
 */
export interface ConditionCheck {
  readonly condition: TechnicalCondition;
  observe(record: CheckedRecord): void;
  finish(): ConditionOutcome;
}

/** Counts violations and keeps the first `limit` of them. */
export class ViolationLog {
  count = 0;
  readonly samples: Violation[] = [];

  constructor(private readonly limit: number) {}

  add(record: CheckedRecord, reason: string): void {
    this.count += 1;
    if (this.samples.length >= this.limit) return;
    const violation: Violation = { position: record.position, topic: record.topic, reason };
    const eventId = record.decoded?.event.data.eventId;
    if (eventId !== undefined) violation.eventId = eventId;
    this.samples.push(violation);
  }
}

/** The verdict an outcome states, or the default rule: any violation fails. */
export function verdictOf(outcome: ConditionOutcome): Verdict {
  if (outcome.verdict) return outcome.verdict;
  if (outcome.violations > 0) return 'fail';
  return outcome.checked === 0 ? 'not-applicable' : 'pass';
}
