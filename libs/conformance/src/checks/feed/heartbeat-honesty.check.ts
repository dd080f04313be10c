import {
  type ConditionCheck,
  type ConditionOutcome,
  heldId,
  type TechnicalCondition,
  ViolationLog,
} from '../../condition';
import { type CheckedRecord } from '../../exchanged-record';
import { BoundedStates } from '../bounded-states';
import { type CheckOptions } from '../check-options';
import { cameraFeed, declarationFeed, instant, isRegistryFeed } from './feeds';

export const HEARTBEAT_HONESTY: TechnicalCondition = {
  id: 'TC-FEED-4',
  title: 'Nothing is delivered below a heartbeat already sent',
  rule: "A heartbeat is a promise (docs/design.md §3): a camera heartbeat says every read captured at or before its upTo, and every read numbered up to its lastSequence, has been delivered; a declaration heartbeat says every declaration of its post and country lodged at or before its upTo has been delivered. A read delivered after a heartbeat of its camera with a captureTime at or before that heartbeat's upTo, or a sequence at or below its lastSequence, breaks the promise; so does a declaration delivered after a heartbeat of its feed with a lodgedAt at or before its upTo. The receiver has already decided on the strength of the heartbeat: such a message is reported, never reordered. A camera holding a read for late delivery holds its heartbeats below that read's capture time.",
  severity: 'mandatory',
  parameters: {},
};

/** The furthest a feed's heartbeats have vouched so far, and the heartbeat that did. */
interface Vouched {
  upTo: number;
  upToBy: string;
  lastSequence: number;
  lastSequenceBy: string;
}

/** TC-FEED-4: per feed, the highest upTo (and per camera lastSequence) vouched for so far. */
export class HeartbeatHonestyCheck implements ConditionCheck {
  readonly condition = HEARTBEAT_HONESTY;
  private checked = 0;
  private readonly log: ViolationLog;
  private readonly promises = new BoundedStates<Vouched>(isRegistryFeed);

  constructor(options: CheckOptions) {
    this.log = new ViolationLog(options.sampleLimit);
  }

  observe(record: CheckedRecord): void {
    const event = record.decoded?.event;
    if (!event) return;
    switch (event.type) {
      case 'CameraHeartbeat': {
        const { cameraId, upTo, lastSequence, eventId } = event.data;
        this.promise(cameraFeed(cameraId), upTo, lastSequence, eventId);
        return;
      }
      case 'DeclarationHeartbeat': {
        const { country, crossingPoint, upTo, eventId } = event.data;
        this.promise(declarationFeed(country, crossingPoint), upTo, -Infinity, eventId);
        return;
      }
      case 'PlateRead': {
        this.checked += 1;
        const { cameraId, captureTime, sequence } = event.data;
        const feed = cameraFeed(cameraId);
        const promise = this.promises.get(feed);
        if (!promise) return;
        const broken: string[] = [];
        if (captureTime <= promise.upTo)
          broken.push(
            `captureTime ${instant(captureTime)} is at or before upTo ${instant(promise.upTo)} of heartbeat ${promise.upToBy}`,
          );
        if (sequence <= promise.lastSequence)
          broken.push(
            `sequence ${sequence} is at or below lastSequence ${promise.lastSequence} of heartbeat ${promise.lastSequenceBy}`,
          );
        if (broken.length > 0)
          this.log.add(
            record,
            `read of ${feed} delivered after its heartbeat: ${broken.join('; ')}`,
          );
        return;
      }
      case 'CustomsDeclaration': {
        this.checked += 1;
        const { country, crossingPoint, lodgedAt, mrn } = event.data;
        const feed = declarationFeed(country, crossingPoint);
        const promise = this.promises.get(feed);
        if (promise && lodgedAt <= promise.upTo)
          this.log.add(
            record,
            `declaration ${mrn} of ${feed} delivered after its heartbeat: lodgedAt ${instant(lodgedAt)} is at or before upTo ${instant(promise.upTo)} of heartbeat ${promise.upToBy}`,
          );
        return;
      }
      default: {
        const unreachable: never = event;
        throw new Error(`unknown input ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /** Keys (cameras, feeds…) with state now, for tests of the bound. */
  get keysTracked(): number {
    return this.promises.size;
  }

  finish(): ConditionOutcome {
    const note = this.promises.note('feeds');
    return {
      checked: this.checked,
      violations: this.log.count,
      samples: this.log.samples,
      ...(Object.keys(note).length > 0 ? { figures: note } : {}),
    };
  }

  /** A heartbeat that steps back (TC-FEED-5's) takes back nothing the feed promised before. */
  private promise(feed: string, upTo: number, lastSequence: number, by: string): void {
    const known = this.promises.get(feed);
    if (!known) {
      const id = heldId(by);
      this.promises.obtain(feed, () => ({
        upTo,
        upToBy: id,
        lastSequence,
        lastSequenceBy: id,
      }));
      return;
    }
    const id = heldId(by);
    if (upTo > known.upTo) {
      known.upTo = upTo;
      known.upToBy = id;
    }
    if (lastSequence > known.lastSequence) {
      known.lastSequence = lastSequence;
      known.lastSequenceBy = id;
    }
  }
}
