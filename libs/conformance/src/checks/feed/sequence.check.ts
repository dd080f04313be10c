import {
  type ConditionCheck,
  type ConditionOutcome,
  type TechnicalCondition,
  ViolationLog,
} from '../../condition';
import { type CheckedRecord } from '../../exchanged-record';
import { BoundedStates } from '../bounded-states';
import { type CheckOptions } from '../check-options';
import { isRegistryCamera } from '../registry-keys';
import {
  MAX_OUTSTANDING_RUNS,
  OutstandingSequences,
  type SequenceRun,
} from './outstanding-sequences';

export const SEQUENCE: TechnicalCondition = {
  id: 'TC-FEED-1',
  title: 'Plate-read sequence numbers have no gaps or repeats',
  rule: "Each camera numbers its reads one by one in capture order, and each number is delivered exactly once. Reads may arrive out of order (a read delivered late), so the numbers are judged against the camera's heartbeats: a heartbeat's lastSequence says every number up to it has been delivered, so a number up to it that was never delivered is a gap, reported at that heartbeat. A number delivered a second time is a repeat. Numbers up to the lastSequence of the camera's first heartbeat in the source are taken as delivered before the source began, and are not judged for gaps.",
  severity: 'mandatory',
  parameters: { maxOutstandingRunsPerCamera: MAX_OUTSTANDING_RUNS },
};

interface CameraNumbers {
  numbers: OutstandingSequences;
  /** The highest lastSequence judged, null before the camera's first heartbeat. */
  vouched: number | null;
}

/**
 * TC-FEED-1: per camera, a few runs of outstanding numbers and the highest number vouched for;
 * every registry camera, and a bounded few others (`BoundedStates`).
 */
export class SequenceCheck implements ConditionCheck {
  readonly condition = SEQUENCE;
  private checked = 0;
  private readonly log: ViolationLog;
  private readonly cameras = new BoundedStates<CameraNumbers>(isRegistryCamera);

  constructor(options: CheckOptions) {
    this.log = new ViolationLog(options.sampleLimit);
  }

  observe(record: CheckedRecord): void {
    const event = record.decoded?.event;
    if (event?.type !== 'PlateRead' && event?.type !== 'CameraHeartbeat') return;
    this.checked += 1;
    const { cameraId } = event.data;
    const camera = this.cameras.obtain(cameraId, () => ({
      numbers: new OutstandingSequences(),
      vouched: null,
    }));
    if (!camera) return;
    if (event.type === 'PlateRead') {
      const { sequence } = event.data;
      if (!camera.numbers.deliver(sequence))
        this.log.add(record, `sequence ${sequence} of camera ${cameraId} delivered again`);
      return;
    }
    const { lastSequence } = event.data;
    if (camera.vouched === null) {
      camera.vouched = lastSequence;
      return;
    }
    if (lastSequence <= camera.vouched) return;
    for (const run of camera.numbers.outstandingIn(camera.vouched + 1, lastSequence))
      this.log.add(record, gapReason(cameraId, run, lastSequence));
    camera.vouched = lastSequence;
  }

  /** Keys (cameras, feeds…) with state now, for tests of the bound. */
  get keysTracked(): number {
    return this.cameras.size;
  }

  finish(): ConditionOutcome {
    const note = this.cameras.note('cameras');
    return {
      checked: this.checked,
      violations: this.log.count,
      samples: this.log.samples,
      ...(Object.keys(note).length > 0 ? { figures: note } : {}),
    };
  }
}

function gapReason(cameraId: string, [from, to]: SequenceRun, lastSequence: number): string {
  const count = to - from + 1;
  const numbers = count === 1 ? `sequence ${from}` : `sequences ${from}–${to}`;
  return `${numbers} of camera ${cameraId} never delivered, though its heartbeat vouches up to lastSequence ${lastSequence}: ${count} missing`;
}
