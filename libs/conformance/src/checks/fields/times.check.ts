import { DEFAULT_MATCHING_CONFIG, type InputEvent } from '@uamd/domain';
import { type ConditionCheck, type TechnicalCondition } from '../../condition';
import { type CheckedRecord } from '../../exchanged-record';
import { type CheckOptions } from '../check-options';
import { MessageCheck } from '../message-check';

/** Earlier than any traffic of this exchange: a time before it is a zero, a unit slip or a default. */
const EARLIEST_MS = Date.UTC(2000, 0, 1);
/**
 * How far a camera or feed clock may run ahead of the publishing service: the reconciler's
 * clock-skew bound (docs/design.md §3). The generator's camera clocks keep within half of it.
 */
export const DEFAULT_MAX_AHEAD_OF_DELIVERY_MS = DEFAULT_MATCHING_CONFIG.clockSkewMs;
/** `new Date` refuses epoch ms beyond this, though a long can carry more. */
const MAX_DATE_MS = 8.64e15;

export const TIMES: TechnicalCondition = {
  id: 'TC-FIELD-5',
  title: 'Times are sane against their delivery',
  rule: "A message's own time (a read's captureTime, a declaration's lodgedAt, a heartbeat's upTo) is after 2000-01-01 and no later than the message's delivery time plus the clock-skew allowance: a message cannot report what has not happened yet. A declaration's releasedAt, when given, is after 2000-01-01 (its order against lodgedAt is TC-DECL-1); it is not compared with the delivery, since an export may be published on lodgement with the release it is scheduled for. Only the delivery time is compared, never the checker's clock, so a file is judged the same whenever it is checked.",
  severity: 'mandatory',
  parameters: {
    earliest: new Date(EARLIEST_MS).toISOString(),
    maxAheadOfDeliveryMs: DEFAULT_MAX_AHEAD_OF_DELIVERY_MS,
  },
};

/** TC-FIELD-5: event times against the epoch floor and the record's own delivery time. */
export class TimesCheck extends MessageCheck implements ConditionCheck {
  constructor(
    options: CheckOptions,
    private readonly maxAheadOfDeliveryMs = DEFAULT_MAX_AHEAD_OF_DELIVERY_MS,
  ) {
    super({ ...TIMES, parameters: { ...TIMES.parameters, maxAheadOfDeliveryMs } }, options);
  }

  protected problemsOf(event: InputEvent, record: CheckedRecord): string[] {
    const problems: string[] = [];
    const happened = (field: string, ms: number) => {
      if (ms < EARLIEST_MS) problems.push(beforeEarliest(field, ms));
      const ahead = ms - record.deliveredAt;
      if (ahead > this.maxAheadOfDeliveryMs)
        problems.push(
          `${field} ${iso(ms)} is ${ahead} ms after its delivery at ${iso(record.deliveredAt)}, more than the ${this.maxAheadOfDeliveryMs} ms clock-skew allowance`,
        );
    };
    switch (event.type) {
      case 'PlateRead':
        happened('captureTime', event.data.captureTime);
        break;
      case 'CameraHeartbeat':
      case 'DeclarationHeartbeat':
        happened('upTo', event.data.upTo);
        break;
      case 'CustomsDeclaration': {
        const { lodgedAt, releasedAt } = event.data;
        happened('lodgedAt', lodgedAt);
        if (releasedAt === null) break;
        // Its order against lodgedAt is TC-DECL-1's, so one bad release counts once.
        if (releasedAt < EARLIEST_MS) problems.push(beforeEarliest('releasedAt', releasedAt));
        break;
      }
      default: {
        const unreachable: never = event;
        throw new Error(`unknown input ${JSON.stringify(unreachable)}`);
      }
    }
    return problems;
  }
}

function beforeEarliest(field: string, ms: number): string {
  return `${field} ${iso(ms)} is before ${TIMES.parameters['earliest']}`;
}

/** A time as people read it; the raw epoch ms when no calendar date has it. */
function iso(ms: number): string {
  return Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : `${ms} ms since the epoch`;
}
