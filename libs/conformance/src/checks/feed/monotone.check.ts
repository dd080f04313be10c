import {
  type ConditionCheck,
  type ConditionOutcome,
  type TechnicalCondition,
  ViolationLog,
} from '../../condition';
import { type CheckedRecord } from '../../exchanged-record';
import { type CheckOptions } from '../check-options';
import { cameraFeed, declarationFeed, instant } from './feeds';

export const MONOTONE: TechnicalCondition = {
  id: 'TC-FEED-5',
  title: 'Heartbeats and delivery times never step back',
  rule: "Per feed, each heartbeat's upTo is at or after the previous one's, and a camera heartbeat's lastSequence is at or above the previous one's: a watermark only moves on (docs/design.md §3). Per topic and key, that is per partition, each record's delivery time (its record timestamp, set by the producer) is at or after the previous record's: the receiver merges its inputs in that order, so a record stamped earlier than one before it is out of place. A step back is reported once, at the message that takes it, and compared with the furthest value so far.",
  severity: 'mandatory',
  parameters: {},
};

/** The furthest a watermark has gone and the message that took it there. */
interface Furthest {
  value: number;
  by: string;
}

/** TC-FEED-5: per feed the furthest upTo and lastSequence, per partition the latest delivery time. */
export class MonotoneCheck implements ConditionCheck {
  readonly condition = MONOTONE;
  private checked = 0;
  private readonly log: ViolationLog;
  private readonly furthest = new Map<string, Furthest>();

  constructor(options: CheckOptions) {
    this.log = new ViolationLog(options.sampleLimit);
  }

  observe(record: CheckedRecord): void {
    const event = record.decoded?.event;
    if (!event) return;
    this.checked += 1;
    const problems: string[] = [];
    const partition = `${record.topic} key ${record.key === null ? '(none)' : `'${record.key}'`}`;
    const late = this.stepBack(`delivery ${partition}`, record.deliveredAt, record.position);
    if (late)
      problems.push(
        `delivered at ${instant(record.deliveredAt)} on ${partition}, earlier than ${late.by} before it (${instant(late.value)})`,
      );
    if (event.type === 'CameraHeartbeat' || event.type === 'DeclarationHeartbeat') {
      const { upTo, eventId } = event.data;
      const feed =
        event.type === 'CameraHeartbeat'
          ? cameraFeed(event.data.cameraId)
          : declarationFeed(event.data.country, event.data.crossingPoint);
      const back = this.stepBack(`upTo ${feed}`, upTo, eventId);
      if (back)
        problems.push(
          `upTo ${instant(upTo)} of ${feed} is before ${instant(back.value)} of heartbeat ${back.by}`,
        );
      if (event.type === 'CameraHeartbeat') {
        const { lastSequence } = event.data;
        const fewer = this.stepBack(`lastSequence ${feed}`, lastSequence, eventId);
        if (fewer)
          problems.push(
            `lastSequence ${lastSequence} of ${feed} is below ${fewer.value} of heartbeat ${fewer.by}`,
          );
      }
    }
    if (problems.length > 0) this.log.add(record, problems.join('; '));
  }

  finish(): ConditionOutcome {
    return { checked: this.checked, violations: this.log.count, samples: this.log.samples };
  }

  /** The furthest value so far when `value` is below it, else null (and `value` is the furthest). */
  private stepBack(what: string, value: number, by: string): Furthest | null {
    const known = this.furthest.get(what);
    if (known && value < known.value) return { ...known };
    if (known) {
      known.value = value;
      known.by = by;
    } else this.furthest.set(what, { value, by });
    return null;
  }
}
