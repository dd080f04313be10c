import { type InputEvent } from '@uamd/domain';
import { type TechnicalCondition } from '../../condition';
import { type CheckOptions } from '../check-options';
import { MessageCheck } from '../message-check';
import { declarationFeed, instant } from '../feed/feeds';

export const DECLARATION_ORDER: TechnicalCondition = {
  id: 'TC-DECL-1',
  title: 'A declaration is released only after it is lodged',
  rule: 'A customs declaration is lodged before it is released: its releasedAt, when given (an export released for departure), is at or after its lodgedAt. A release that comes first is a clock or data-entry fault, and would let a vehicle leave on paperwork that did not exist yet. Whether the release precedes the crossing needs the crossing, so it is not part of this condition.',
  severity: 'mandatory',
  parameters: {},
};

/** TC-DECL-1: one declaration at a time, no state between messages. */
export class DeclarationOrderCheck extends MessageCheck {
  constructor(options: CheckOptions) {
    super(DECLARATION_ORDER, options);
  }

  protected problemsOf(event: InputEvent): string[] | null {
    if (event.type !== 'CustomsDeclaration') return null;
    const { country, crossingPoint, mrn, lodgedAt, releasedAt } = event.data;
    if (releasedAt === null || releasedAt >= lodgedAt) return [];
    return [
      `declaration ${mrn} of ${declarationFeed(country, crossingPoint)}: releasedAt ${instant(releasedAt)} is before lodgedAt ${instant(lodgedAt)}, ${(lodgedAt - releasedAt) / 1000} s earlier`,
    ];
  }
}
