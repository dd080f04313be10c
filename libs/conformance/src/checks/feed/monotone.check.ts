import { CROSSING_POINTS } from '@uamd/domain';
import {
  type ConditionCheck,
  type ConditionOutcome,
  heldId,
  type TechnicalCondition,
  ViolationLog,
} from '../../condition';
import { type CheckedRecord, INPUT_TOPICS } from '../../exchanged-record';
import { BoundedStates } from '../bounded-states';
import { type CheckOptions } from '../check-options';
import { cameraFeed, declarationFeed, instant, isRegistryFeed } from './feeds';

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
  /** Per partition (topic and key), its latest delivery time. */
  private readonly deliveries = new BoundedStates<Furthest>(isPartitionKey);
  /** Per feed, the furthest upTo and (a camera's) lastSequence of its heartbeats. */
  private readonly upTos = new BoundedStates<Furthest>(isRegistryFeed);
  private readonly lastSequences = new BoundedStates<Furthest>(isRegistryFeed);

  constructor(options: CheckOptions) {
    this.log = new ViolationLog(options.sampleLimit);
  }

  observe(record: CheckedRecord): void {
    const event = record.decoded?.event;
    if (!event) return;
    this.checked += 1;
    const problems: string[] = [];
    const partition = partitionName(record.topic, record.key);
    const late = stepBack(this.deliveries, partition, record.deliveredAt, record.position);
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
      const back = stepBack(this.upTos, feed, upTo, eventId);
      if (back)
        problems.push(
          `upTo ${instant(upTo)} of ${feed} is before ${instant(back.value)} of heartbeat ${back.by}`,
        );
      if (event.type === 'CameraHeartbeat') {
        const { lastSequence } = event.data;
        const fewer = stepBack(this.lastSequences, feed, lastSequence, eventId);
        if (fewer)
          problems.push(
            `lastSequence ${lastSequence} of ${feed} is below ${fewer.value} of heartbeat ${fewer.by}`,
          );
      }
    }
    if (problems.length > 0) this.log.add(record, problems.join('; '));
  }

  /** Keys (cameras, feeds…) with state now, for tests of the bound. */
  get keysTracked(): number {
    return this.deliveries.size + this.upTos.size + this.lastSequences.size;
  }

  finish(): ConditionOutcome {
    const notes = {
      ...this.deliveries.note('partitions'),
      ...this.upTos.note('feeds'),
    };
    return {
      checked: this.checked,
      violations: this.log.count,
      samples: this.log.samples,
      ...(Object.keys(notes).length > 0 ? { figures: notes } : {}),
    };
  }
}

/** `ua.plate-reads key 'mamalyha-criva'`: a partition as a reason names it, and its state's key. */
function partitionName(topic: string, key: string | null): string {
  return `${topic} key ${key === null ? '(none)' : `'${key}'`}`;
}

const REGISTRY_PARTITIONS: ReadonlySet<string> = new Set(
  INPUT_TOPICS.flatMap((topic) => CROSSING_POINTS.map((p) => partitionName(topic, p.id))),
);
/** Whether a partition name is one of an input topic keyed by a registry post. */
function isPartitionKey(name: string): boolean {
  return REGISTRY_PARTITIONS.has(name);
}

/** The furthest value so far when `value` is below it, else null (and `value` is the furthest). */
function stepBack(
  states: BoundedStates<Furthest>,
  key: string,
  value: number,
  by: string,
): Furthest | null {
  const known = states.get(key);
  if (known && value < known.value) return { ...known };
  if (known) {
    known.value = value;
    known.by = heldId(by);
  } else states.obtain(key, () => ({ value, by: heldId(by) }));
  return null;
}
