import { COUNTRIES, type Country, CROSSING_POINTS, type InputEvent } from '@uamd/domain';
import {
  type ConditionCheck,
  type ConditionOutcome,
  type TechnicalCondition,
  ViolationLog,
} from '../../condition';
import { type CheckedRecord } from '../../exchanged-record';
import { type CheckOptions } from '../check-options';
import { isRegistryCamera } from '../registry-keys';
import { cameraFeed, declarationFeed, instant } from '../feed/feeds';
import { DeliveryDelays } from './delivery-delays';

export interface DeadlineParameters {
  /** The hard limit: a message delivered later than this after its event time breaks the rule. */
  deadlineMinutes: number;
  /** What a partner aims at: the share delivered within it is reported, not judged here. */
  targetSeconds: number;
}

/**
 * 15 minutes: the generator's late reads (1–8 min after capture, noise.ts) plus a camera clock
 * up to 90 s slow stay well inside it, and so does every declaration, published on lodgement.
 */
export const DEFAULT_DEADLINE: DeadlineParameters = { deadlineMinutes: 15, targetSeconds: 60 };

export const READ_DEADLINE: TechnicalCondition = {
  id: 'TC-TIME-1',
  title: 'Plate reads are delivered within the deadline',
  rule: "Every plate read is appended to its topic (its record timestamp) at most deadlineMinutes after its captureTime. A camera may hold a read back for a while (and must then hold its heartbeats back, TC-FEED-4), but the receiver cannot match a vehicle it has not yet seen, and waits on the camera's watermark meanwhile. Measured on the times the messages state, so a slow camera clock counts as delay. The delivery delays per camera are reported as a distribution, and the share delivered within targetSeconds beside it.",
  severity: 'mandatory',
  parameters: { ...DEFAULT_DEADLINE },
};

export const DECLARATION_DEADLINE: TechnicalCondition = {
  id: 'TC-TIME-2',
  title: 'Declarations are delivered within the deadline',
  rule: 'Every customs declaration is appended to its topic (its record timestamp) at most deadlineMinutes after its lodgedAt: a crossing is checked against its paperwork, which must not arrive long after the vehicle. The delivery delays per post and country are reported as a distribution, and the share delivered within targetSeconds beside it.',
  severity: 'mandatory',
  parameters: { ...DEFAULT_DEADLINE },
};

/** A message the rule applies to: its event time, its series and how a reason names it. */
interface Timed {
  at: number;
  field: string;
  series: string;
  what: string;
}

/**
 * Event time → delivery against a hard deadline, per series: state is one histogram per camera
 * or post. The two conditions differ only in which messages they time.
 */
abstract class DeliveryDeadlineCheck implements ConditionCheck {
  readonly condition: TechnicalCondition;
  private checked = 0;
  private readonly log: ViolationLog;
  private readonly deadlineMs: number;
  private readonly delays: DeliveryDelays;

  protected constructor(
    condition: TechnicalCondition,
    options: CheckOptions,
    private readonly parameters: DeadlineParameters,
    private readonly distributionTitle: string,
  ) {
    this.condition = { ...condition, parameters: { ...parameters } };
    this.deadlineMs = parameters.deadlineMinutes * 60_000;
    this.delays = new DeliveryDelays(parameters.targetSeconds * 1000, (key) =>
      this.isRegistrySeries(key),
    );
    this.log = new ViolationLog(options.sampleLimit);
  }

  protected abstract timed(event: InputEvent): Timed | null;

  /** Whether a series is one of the registry's (all of those get a histogram). */
  protected abstract isRegistrySeries(series: string): boolean;

  /** What the series are, for the report's note when some went without a histogram. */
  protected abstract readonly seriesName: string;

  observe(record: CheckedRecord): void {
    const event = record.decoded?.event;
    if (!event) return;
    const timed = this.timed(event);
    if (!timed) return;
    this.checked += 1;
    const delay = record.deliveredAt - timed.at;
    this.delays.record(timed.series, delay);
    if (delay > this.deadlineMs)
      this.log.add(
        record,
        `${timed.what} delivered at ${instant(record.deliveredAt)}, ${minutes(delay)} after its ${timed.field} ${instant(timed.at)}: more than the ${this.parameters.deadlineMinutes} min deadline`,
      );
  }

  /** Keys (cameras, feeds…) with state now, for tests of the bound. */
  get keysTracked(): number {
    return this.delays.keys().length;
  }

  finish(): ConditionOutcome {
    const target = `${this.parameters.targetSeconds} s`;
    const figures: Record<string, number | string> = {};
    for (const key of this.delays.keys())
      figures[`${key} share within ${target}`] = Number(this.delays.shareWithin(key).toFixed(4));
    if (this.checked > 0)
      figures[`share within ${target}`] = Number(this.delays.shareWithinAll().toFixed(4));
    figures['stamped after their delivery'] = this.delays.aheadOfDelivery();
    Object.assign(figures, this.delays.note(this.seriesName));
    return {
      checked: this.checked,
      violations: this.log.count,
      samples: this.log.samples,
      figures,
      distributions: this.checked > 0 ? [this.delays.distribution(this.distributionTitle)] : [],
    };
  }
}

/** TC-TIME-1: captureTime → delivery, per camera. */
export class ReadDeadlineCheck extends DeliveryDeadlineCheck {
  constructor(options: CheckOptions, parameters: DeadlineParameters = DEFAULT_DEADLINE) {
    super(READ_DEADLINE, options, parameters, 'Plate reads: capture to delivery, per camera');
  }

  protected readonly seriesName = 'cameras';

  protected isRegistrySeries(series: string): boolean {
    return isRegistryCamera(series);
  }

  protected timed(event: InputEvent): Timed | null {
    if (event.type !== 'PlateRead') return null;
    const { cameraId, sequence, captureTime } = event.data;
    return {
      at: captureTime,
      field: 'captureTime',
      series: cameraId,
      what: `read sequence ${sequence} of ${cameraFeed(cameraId)}`,
    };
  }
}

/** TC-TIME-2: lodgedAt → delivery, per post and country. */
export class DeclarationDeadlineCheck extends DeliveryDeadlineCheck {
  constructor(options: CheckOptions, parameters: DeadlineParameters = DEFAULT_DEADLINE) {
    super(
      DECLARATION_DEADLINE,
      options,
      parameters,
      'Declarations: lodgement to delivery, per post and country',
    );
  }

  protected readonly seriesName = 'posts';

  protected isRegistrySeries(series: string): boolean {
    return REGISTRY_DECLARATION_SERIES.has(series);
  }

  protected timed(event: InputEvent): Timed | null {
    if (event.type !== 'CustomsDeclaration') return null;
    const { country, crossingPoint, mrn, lodgedAt } = event.data;
    return {
      at: lodgedAt,
      field: 'lodgedAt',
      series: declarationSeries(country, crossingPoint),
      what: `declaration ${mrn} of ${declarationFeed(country, crossingPoint)}`,
    };
  }
}

function declarationSeries(country: Country, crossingPoint: string): string {
  return `${country} ${crossingPoint}`;
}

const REGISTRY_DECLARATION_SERIES: ReadonlySet<string> = new Set(
  CROSSING_POINTS.flatMap((p) => COUNTRIES.map((c) => declarationSeries(c, p.id))),
);

/** A delay as people read it: minutes to a tenth. */
function minutes(ms: number): string {
  return `${(ms / 60_000).toFixed(1)} min`;
}
