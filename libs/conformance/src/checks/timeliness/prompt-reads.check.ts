import {
  type ConditionCheck,
  type ConditionOutcome,
  placeOf,
  type TechnicalCondition,
  type ViolationPlace,
  ViolationLog,
} from '../../condition';
import { type CheckedRecord } from '../../exchanged-record';
import { BoundedStates } from '../bounded-states';
import { type CheckOptions } from '../check-options';
import { isRegistryCamera } from '../registry-keys';
import { cameraFeed } from '../feed/feeds';
import { DEFAULT_MATCHING_CONFIG } from '@uamd/domain';

export interface PromptReadsParameters {
  targetSeconds: number;
  /**
   * How far a camera clock may lag (the agreed clock-skew bound, DEFAULT_MATCHING_CONFIG): a
   * read stamped by a slow clock looks that much later than it is.
   */
  clockAllowanceSeconds: number;
  /** The share of a camera's reads that must be delivered within the target. */
  minShare: number;
  /** Cameras with fewer reads in the source are not judged: one late read is no share. */
  minReads: number;
}

export const DEFAULT_PROMPT_READS: PromptReadsParameters = {
  targetSeconds: 60,
  clockAllowanceSeconds: DEFAULT_MATCHING_CONFIG.clockSkewMs / 1000,
  minShare: 0.95,
  minReads: 20,
};

export const PROMPT_READS: TechnicalCondition = {
  id: 'TC-TIME-3',
  title: 'Nearly every read is delivered within a minute',
  rule: "Of each camera's plate reads, at least minShare are appended to their topic (record timestamp) within targetSeconds of their captureTime, plus clockAllowanceSeconds for a camera clock running slow within the agreed skew bound; a read stamped after its delivery (a clock ahead) counts as within. The receiver's matches wait on the slowest camera, so a camera that often holds reads back delays every decision at its post. Judged per camera over all its reads in the source; a camera with fewer than minReads reads is listed in the figures but not judged.",
  severity: 'advisory',
  parameters: { ...DEFAULT_PROMPT_READS },
};

interface CameraShare {
  reads: number;
  within: number;
  /** The first read over the target, where the camera is reported, and its place in the source. */
  firstLate: ViolationPlace | null;
  firstLateIndex: number;
}

/**
 * TC-TIME-3: per camera two counts; the cameras are what is checked, and the verdict is theirs.
 * Every registry camera, and a bounded few others (`BoundedStates`).
 */
export class PromptReadsCheck implements ConditionCheck {
  readonly condition: TechnicalCondition;
  private readonly log: ViolationLog;
  private readonly targetMs: number;
  private readonly cameras = new BoundedStates<CameraShare>(isRegistryCamera);
  private observed = 0;

  constructor(
    options: CheckOptions,
    private readonly parameters: PromptReadsParameters = DEFAULT_PROMPT_READS,
  ) {
    this.condition = { ...PROMPT_READS, parameters: { ...parameters } };
    this.targetMs = (parameters.targetSeconds + parameters.clockAllowanceSeconds) * 1000;
    this.log = new ViolationLog(options.sampleLimit);
  }

  observe(record: CheckedRecord): void {
    this.observed += 1;
    const event = record.decoded?.event;
    if (event?.type !== 'PlateRead') return;
    const { cameraId, captureTime } = event.data;
    const camera = this.cameras.obtain(cameraId, () => ({
      reads: 0,
      within: 0,
      firstLate: null,
      firstLateIndex: 0,
    }));
    if (!camera) return;
    camera.reads += 1;
    if (record.deliveredAt - captureTime <= this.targetMs) camera.within += 1;
    else if (!camera.firstLate) {
      camera.firstLate = placeOf(record);
      camera.firstLateIndex = this.observed;
    }
  }

  /** Keys (cameras, feeds…) with state now, for tests of the bound. */
  get keysTracked(): number {
    return this.cameras.size;
  }

  finish(): ConditionOutcome {
    const { targetSeconds, minShare, minReads } = this.parameters;
    let judged = 0;
    const figures: Record<string, number | string> = this.cameras.note('cameras');
    const below: Array<{ share: number; camera: CameraShare; cameraId: string }> = [];
    for (const [cameraId, camera] of [...this.cameras].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const share = camera.within / camera.reads;
      figures[`${cameraId} share within ${targetSeconds} s`] = Number(share.toFixed(4));
      if (camera.reads < minReads) continue;
      judged += 1;
      if (share < minShare) below.push({ share, camera, cameraId });
    }
    // Reported in the order their first late read came, as the other conditions report.
    below.sort((a, b) => a.camera.firstLateIndex - b.camera.firstLateIndex);
    for (const { share, camera, cameraId } of below)
      this.log.add(
        camera.firstLate!,
        `${cameraFeed(cameraId)}: ${percent(share)} of ${camera.reads} reads delivered within ${targetSeconds} s of capture (+${this.parameters.clockAllowanceSeconds} s clock allowance; ${camera.reads - camera.within} later), below ${percent(minShare)}`,
      );
    const checked = judged;
    return {
      checked,
      violations: this.log.count,
      samples: this.log.samples,
      verdict: checked === 0 ? 'not-applicable' : below.length > 0 ? 'fail' : 'pass',
      figures,
    };
  }
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
