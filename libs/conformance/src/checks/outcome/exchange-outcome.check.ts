import { type Country, findCrossingPoint, type OutputEvent } from '@uamd/domain';
import { routeOf } from '@uamd/latency';
import { StreamingReconciler } from '@uamd/evaluation';
import {
  type ConditionCheck,
  type ConditionOutcome,
  type TechnicalCondition,
  type Violation,
} from '../../condition';
import { type CheckedRecord } from '../../exchanged-record';
import { type CheckOptions } from '../check-options';

const MIN_MATCHED_SHARE = 0.95;
/**
 * Most messages and vehicles the reconciler's run may hold: a generated month holds under
 * 6,000 at any time. A source where some feed never heartbeats holds everything after it
 * (the merge waits on that feed), so past this the run stops and says where.
 */
export const MAX_HELD = 200_000;

export const EXCHANGE_OUTCOME: TechnicalCondition = {
  id: 'TC-OUT-1',
  title: 'Exits are matched on the other side within the window',
  rule: "Per crossing point and direction, the share of exits that the reconciler matched with the other side's entry within the transit window (not reported overdue first) is at least the agreed share. A feed can be valid message by message and still useless: plates the other side cannot match, or entries that never come.",
  severity: 'mandatory',
  parameters: { minMatchedShare: MIN_MATCHED_SHARE },
};

interface RouteCount {
  exitCountry: Country;
  matched: number;
  overdue: number;
}

/**
 * TC-OUT-1: runs the reconciler's own decision (`StreamingReconciler`) over the source and
 * counts, per crossing point and route, exits matched in the window against exits reported
 * overdue. Exits still pending when the source ends are undecided and left out. Other checks
 * can listen to the same decisions (`onOutputs`) instead of deciding twice. Memory is what the
 * reconciler holds, bounded by `MAX_HELD`.
 */
export class ExchangeOutcomeCheck implements ConditionCheck {
  readonly condition = EXCHANGE_OUTCOME;
  private reconciler: StreamingReconciler | null = new StreamingReconciler();
  private readonly routes = new Map<string, RouteCount>();
  private readonly listeners: Array<(outputs: OutputEvent[], record: CheckedRecord) => void> = [];
  /** Where the run stopped for holding too much, and the exits it left undecided. */
  private stopped: { at: string; pending: Map<string, number> } | null = null;

  constructor(
    private readonly options: CheckOptions,
    private readonly maxHeld = MAX_HELD,
  ) {}

  onOutputs(listener: (outputs: OutputEvent[], record: CheckedRecord) => void): void {
    this.listeners.push(listener);
  }

  observe(record: CheckedRecord): void {
    const event = record.decoded?.event;
    const reconciler = this.reconciler;
    if (!reconciler || !event || !findCrossingPoint(event.data.crossingPoint)) return;
    const outputs = reconciler.push(event, record.deliveredAt);
    if (reconciler.held() > this.maxHeld) {
      this.stopped = { at: record.position, pending: reconciler.pendingExits() };
      this.reconciler = null;
    }
    if (outputs.length === 0) return;
    for (const output of outputs) this.count(output);
    for (const listener of this.listeners) listener(outputs, record);
  }

  /** What the reconciler's run holds now (0 once stopped), for tests of the bound. */
  get held(): number {
    return this.reconciler?.held() ?? 0;
  }

  private count(output: OutputEvent): void {
    if (output.type === 'CrossingMatched') {
      if (output.data.overdueAlarmId !== null) return;
      this.route(output.data.crossingPoint, output.data.exitCountry).matched += 1;
    } else if (output.type === 'CrossingOverdue') {
      this.route(output.data.crossingPoint, output.data.exitCountry).overdue += 1;
    }
  }

  private route(point: string, exitCountry: Country): RouteCount {
    const key = `${point} ${routeOf(exitCountry)}`;
    let count = this.routes.get(key);
    if (!count) this.routes.set(key, (count = { exitCountry, matched: 0, overdue: 0 }));
    return count;
  }

  finish(): ConditionOutcome {
    const figures: Record<string, number | string> = {};
    const samples: Violation[] = [];
    let checked = 0;
    let violations = 0;
    for (const [key, { exitCountry, matched, overdue }] of [...this.routes].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      const decided = matched + overdue;
      const share = decided === 0 ? 1 : matched / decided;
      checked += decided;
      figures[`${key} matched share`] = Number(share.toFixed(4));
      figures[`${key} exits decided`] = decided;
      if (share >= MIN_MATCHED_SHARE) continue;
      violations += 1;
      if (samples.length < this.options.sampleLimit)
        samples.push({
          position: key,
          topic: `${exitCountry.toLowerCase()}.plate-reads`,
          reason: `${matched} of ${decided} exits matched in the window (${(100 * share).toFixed(1)} %), below ${100 * MIN_MATCHED_SHARE} %; ${overdue} reported overdue`,
        });
    }
    for (const [point, n] of this.stopped?.pending ?? this.reconciler?.pendingExits() ?? [])
      figures[`${point} exits undecided at the end`] = n;
    if (this.stopped)
      figures['run stopped'] =
        `at ${this.stopped.at}: the reconciler held more than ${this.maxHeld} messages and vehicles (a feed that never heartbeats holds the merge back); only exits decided before are counted`;
    return { checked, violations, samples, figures };
  }
}
