import { type InputEvent } from '@uamd/domain';
import {
  type ConditionCheck,
  type ConditionOutcome,
  type TechnicalCondition,
  ViolationLog,
} from '../condition';
import { type CheckedRecord } from '../exchanged-record';
import { type CheckOptions } from './check-options';

/**
 * A condition that judges one decoded message on its own (the field conditions, TC-DECL-1), so
 * it keeps no state between messages at all. A message counts once however many of its fields offend, and
 * its reason names every one of them, so a partner fixes them all in one round.
 */
export abstract class MessageCheck implements ConditionCheck {
  private checked = 0;
  private readonly log: ViolationLog;

  protected constructor(
    readonly condition: TechnicalCondition,
    options: CheckOptions,
  ) {
    this.log = new ViolationLog(options.sampleLimit);
  }

  /** What is wrong with one message (empty: nothing), or null when the rule does not apply to its type. */
  protected abstract problemsOf(event: InputEvent, record: CheckedRecord): string[] | null;

  observe(record: CheckedRecord): void {
    // A record that did not decode is TC-FRAME-1's.
    const decoded = record.decoded;
    if (!decoded) return;
    const problems = this.problemsOf(decoded.event, record);
    if (problems === null) return;
    this.checked += 1;
    if (problems.length > 0) this.log.add(record, problems.join('; '));
  }

  finish(): ConditionOutcome {
    return { checked: this.checked, violations: this.log.count, samples: this.log.samples };
  }
}
