import { streamOf } from '@uamd/domain';
import {
  type ConditionCheck,
  type ConditionOutcome,
  type TechnicalCondition,
  ViolationLog,
} from '../../condition';
import { type CheckedRecord, INPUT_TOPICS } from '../../exchanged-record';
import { type CheckOptions } from '../check-options';

export const TOPIC_FIT: TechnicalCondition = {
  id: 'TC-FRAME-2',
  title: 'Each message fits its topic',
  rule: "A message sits on one of the four input topics; its record type is one that topic carries (plate reads and camera heartbeats on `<cc>.plate-reads`, declarations and declaration heartbeats on `<cc>.declarations`), and its country is the topic's: each administration writes only its own topics. Its key is its crossing point, so a post's messages stay in one partition, in order.",
  severity: 'mandatory',
  parameters: { topics: INPUT_TOPICS.join(', ') },
};

const STREAM_SUFFIX = { plateReads: 'plate-reads', declarations: 'declarations' } as const;

/** TC-FRAME-2: topic, record type, country and key agree. Records that do not decode are TC-FRAME-1's. */
export class TopicFitCheck implements ConditionCheck {
  readonly condition = TOPIC_FIT;
  private checked = 0;
  private readonly log: ViolationLog;

  constructor(options: CheckOptions) {
    this.log = new ViolationLog(options.sampleLimit);
  }

  observe(record: CheckedRecord): void {
    const decoded = record.decoded;
    if (!decoded) {
      if (!(INPUT_TOPICS as readonly string[]).includes(record.topic))
        this.log.add(record, `unknown topic '${record.topic}'`);
      return;
    }
    this.checked += 1;
    const { type, data } = decoded.event;
    const expected = `${data.country.toLowerCase()}.${STREAM_SUFFIX[streamOf(type)]}`;
    const problems: string[] = [];
    // The codec refuses a country other than UA and MD (TC-FRAME-1), so `expected` is a topic.
    if (record.topic !== expected)
      problems.push(`a ${type} of ${data.country} on '${record.topic}', expected '${expected}'`);
    if (record.key !== data.crossingPoint)
      problems.push(
        `key ${record.key === null ? 'missing' : `'${record.key}'`} is not the crossing point '${data.crossingPoint}'`,
      );
    if (problems.length > 0) this.log.add(record, problems.join('; '));
  }

  finish(): ConditionOutcome {
    return { checked: this.checked, violations: this.log.count, samples: this.log.samples };
  }
}
