import {
  type ConditionCheck,
  type ConditionOutcome,
  type TechnicalCondition,
  ViolationLog,
} from '../../condition';
import { type CheckedRecord } from '../../exchanged-record';
import { type CheckOptions } from '../check-options';
import { declarationFeed, instant } from '../feed/feeds';

export const DECLARATION_ORDER: TechnicalCondition = {
  id: 'TC-DECL-1',
  title: 'A declaration is released only after it is lodged',
  rule: 'A customs declaration is lodged before it is released: its releasedAt, when given (an export released for departure), is at or after its lodgedAt. A release that comes first is a clock or data-entry fault, and would let a vehicle leave on paperwork that did not exist yet. Whether the release precedes the crossing needs the crossing, so it is not part of this condition.',
  severity: 'mandatory',
  parameters: {},
};

/** TC-DECL-1: one declaration at a time, no state between messages. */
export class DeclarationOrderCheck implements ConditionCheck {
  readonly condition = DECLARATION_ORDER;
  private checked = 0;
  private readonly log: ViolationLog;

  constructor(options: CheckOptions) {
    this.log = new ViolationLog(options.sampleLimit);
  }

  observe(record: CheckedRecord): void {
    const event = record.decoded?.event;
    if (event?.type !== 'CustomsDeclaration') return;
    this.checked += 1;
    const { country, crossingPoint, mrn, lodgedAt, releasedAt } = event.data;
    if (releasedAt === null || releasedAt >= lodgedAt) return;
    this.log.add(
      record,
      `declaration ${mrn} of ${declarationFeed(country, crossingPoint)}: releasedAt ${instant(releasedAt)} is before lodgedAt ${instant(lodgedAt)}, ${(lodgedAt - releasedAt) / 1000} s earlier`,
    );
  }

  finish(): ConditionOutcome {
    return { checked: this.checked, violations: this.log.count, samples: this.log.samples };
  }
}
