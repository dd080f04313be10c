import { type OutputEvent } from '@uamd/domain';
import {
  type ConditionCheck,
  type ConditionOutcome,
  type TechnicalCondition,
  ViolationLog,
} from '../../condition';
import { type CheckedRecord } from '../../exchanged-record';
import { type CheckOptions } from '../check-options';
import { type ExchangeOutcomeCheck } from './exchange-outcome.check';

const MAX_LATE_SHARE = 0.05;

export const DECLARED_BEFORE_CROSSING: TechnicalCondition = {
  id: 'TC-DECL-2',
  title: 'Declarations are lodged before the vehicle crosses',
  rule: "A vehicle's declaration is lodged (and released) no later than its crossing: the reconciler links each declaration to its vehicle's crossing and reports one lodged after it (discrepancy DECLARED_AFTER_CROSSING). Traders do lodge late now and then, and each case is the reconciler's alarm to raise; the condition on the feed is that it stays rare: at most the agreed share of declarations.",
  severity: 'advisory',
  parameters: { discrepancy: 'DECLARED_AFTER_CROSSING', maxLateShare: MAX_LATE_SHARE },
};

/** TC-DECL-2: the reconciler's DECLARED_AFTER_CROSSING discrepancies, heard from TC-OUT-1's run. */
export class DeclaredBeforeCrossingCheck implements ConditionCheck {
  readonly condition = DECLARED_BEFORE_CROSSING;
  private checked = 0;
  private readonly log: ViolationLog;

  constructor(options: CheckOptions, outcome: ExchangeOutcomeCheck) {
    this.log = new ViolationLog(options.sampleLimit);
    outcome.onOutputs((outputs, record) => this.heard(outputs, record));
  }

  observe(record: CheckedRecord): void {
    if (record.decoded?.event.type === 'CustomsDeclaration') this.checked += 1;
  }

  private heard(outputs: readonly OutputEvent[], record: CheckedRecord): void {
    for (const output of outputs)
      if (output.type === 'CrossingDiscrepancy' && output.data.reason === 'DECLARED_AFTER_CROSSING')
        // Named by the events it is about; the position is where the log decided it.
        this.log.add(
          { ...record, decoded: undefined, position: `decided at ${record.position}` },
          `${output.data.detail} (events ${output.data.sourceEventIds.join(', ')})`,
        );
  }

  finish(): ConditionOutcome {
    const share = this.checked === 0 ? 0 : this.log.count / this.checked;
    return {
      checked: this.checked,
      violations: this.log.count,
      samples: this.log.samples,
      figures: { 'share lodged after the crossing': Number(share.toFixed(4)) },
      verdict: this.checked === 0 ? 'not-applicable' : share > MAX_LATE_SHARE ? 'fail' : 'pass',
    };
  }
}
