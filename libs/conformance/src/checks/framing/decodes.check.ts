import {
  type ConditionCheck,
  type ConditionOutcome,
  type TechnicalCondition,
  ViolationLog,
} from '../../condition';
import { type CheckedRecord } from '../../exchanged-record';
import { type CheckOptions } from '../check-options';

export const DECODES: TechnicalCondition = {
  id: 'TC-FRAME-1',
  title: 'Every message is framed and decodes',
  rule: 'Each message is a Confluent-framed Avro value (byte 0x00, a 4-byte schema id, the Avro body) whose schema id is one of the shared input schemas, and whose body decodes with that schema exactly: not empty, not truncated, no trailing bytes, no count or length beyond the agreed bounds, within the size limit.',
  severity: 'mandatory',
  parameters: { maxMessageBytes: 1024 * 1024 },
};

/** TC-FRAME-1: the codec's own verdict on every value (libs/codec decides what decodes). */
export class DecodesCheck implements ConditionCheck {
  readonly condition = DECODES;
  private checked = 0;
  private readonly log: ViolationLog;

  constructor(options: CheckOptions) {
    this.log = new ViolationLog(options.sampleLimit);
  }

  observe(record: CheckedRecord): void {
    this.checked += 1;
    const error = record.decodeError;
    if (error) this.log.add(record, `${error.reason}: ${error.message}`);
  }

  finish(): ConditionOutcome {
    return { checked: this.checked, violations: this.log.count, samples: this.log.samples };
  }
}
