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

/** Where a violation is, kept without its message: what a check holds to report it later. */
export type ViolationPlace = Pick<Violation, 'position' | 'topic' | 'eventId'>;

/** Longest event id and reason a sample keeps: a partner's text may be a megabyte long. */
export const MAX_SAMPLE_ID_CHARS = 200;
export const MAX_SAMPLE_REASON_CHARS = 2000;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** An event id as a check holds it to name in a later reason: cut to `MAX_SAMPLE_ID_CHARS`. */
export const heldId = (eventId: string): string => cut(eventId, MAX_SAMPLE_ID_CHARS);

/** The place of a record, its event id cut to length: holding it keeps none of the record. */
export function placeOf(record: CheckedRecord): ViolationPlace {
  const eventId = record.decoded?.event.data.eventId;
  return {
    position: record.position,
    topic: record.topic,
    ...(eventId !== undefined ? { eventId: heldId(eventId) } : {}),
  };
}

/** Counts violations and keeps the first `limit` of them, each of bounded size. */
export class ViolationLog {
  count = 0;
  readonly samples: Violation[] = [];

  constructor(private readonly limit: number) {}

  add(at: CheckedRecord | ViolationPlace, reason: string): void {
    this.count += 1;
    if (this.samples.length >= this.limit) return;
    const place: ViolationPlace =
      'deliveredAt' in at
        ? placeOf(at)
        : { ...at, ...(at.eventId !== undefined ? { eventId: heldId(at.eventId) } : {}) };
    this.samples.push({ ...place, reason: cut(reason, MAX_SAMPLE_REASON_CHARS) });
  }
}

/** The verdict an outcome states, or the default rule: any violation fails. */
export function verdictOf(outcome: ConditionOutcome): Verdict {
  if (outcome.verdict) return outcome.verdict;
  if (outcome.violations > 0) return 'fail';
  return outcome.checked === 0 ? 'not-applicable' : 'pass';
}
