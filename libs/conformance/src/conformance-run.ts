import { type AvroCodec } from '@uamd/codec';
import {
  type ConditionCheck,
  type ConditionResult,
  type Severity,
  type Verdict,
  verdictOf,
} from './condition';
import { checkedRecord, type ExchangedRecord } from './exchanged-record';

/** What was checked, for the report's header. */
export interface ConformanceSource {
  /** `traffic file`, `partner export`, `live topics`. */
  kind: string;
  /** The file, or the topics and time range. */
  name: string;
  /** Free-form facts about the source (header fields, ranges), shown as they are. */
  details?: Record<string, string | number>;
}

export interface ConformanceReport {
  source: ConformanceSource;
  records: number;
  /** Delivery-time range covered, epoch ms (null when the source is empty). */
  firstDeliveredAt: number | null;
  lastDeliveredAt: number | null;
  results: ConditionResult[];
  /** `fail` when a mandatory condition fails; advisory failures are reported, not fatal. */
  verdict: Exclude<Verdict, 'not-applicable'>;
}

/** Progress every `progressEvery` records (default 10,000), for long sources. */
export interface RunOptions {
  onProgress?: (records: number, lastDeliveredAt: number) => void;
  progressEvery?: number;
}

/**
 * Runs every check over the records of one source, streamed in source order: each record is
 * decoded once and shown to every check, so memory is what the checks keep, not the source.
 */
export async function runConformance(
  codec: AvroCodec,
  source: ConformanceSource,
  records: Iterable<ExchangedRecord> | AsyncIterable<ExchangedRecord>,
  checks: readonly ConditionCheck[],
  options: RunOptions = {},
): Promise<ConformanceReport> {
  const every = options.progressEvery ?? 10_000;
  let count = 0;
  let first: number | null = null;
  let last: number | null = null;
  // An id unknown to the catalog is resolved through the schema registry, when there is one.
  const viaRegistry = codec.registryUrl !== undefined;
  for await (const record of records) {
    if (viaRegistry) await codec.learnIds([record.value]);
    const checked = checkedRecord(codec, record);
    for (const check of checks) check.observe(checked);
    count += 1;
    first ??= record.deliveredAt;
    last = record.deliveredAt;
    if (count % every === 0) {
      options.onProgress?.(count, last);
      // A file source is read synchronously: let timers (a progress bar, a signal) run.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const results = checks.map((check): ConditionResult => {
    const outcome = check.finish();
    return { ...outcome, condition: check.condition, verdict: verdictOf(outcome) };
  });
  return {
    source,
    records: count,
    firstDeliveredAt: first,
    lastDeliveredAt: last,
    results,
    verdict: failsOn(results, 'mandatory') ? 'fail' : 'pass',
  };
}

export function failsOn(results: readonly ConditionResult[], severity: Severity): boolean {
  return results.some((r) => r.condition.severity === severity && r.verdict === 'fail');
}
