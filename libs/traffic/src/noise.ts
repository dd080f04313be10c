import { type Country, type DiscrepancyReason } from '@uamd/domain';
import { type Scenario } from './scenarios';

/**
 * What declarants do: not camera noise, so `withNoiseScale` leaves it as the scenario defines
 * it (a clean camera run still has trucks whose papers disagree with the road).
 */
export interface DeclarationNoise {
  /**
   * Share of declared trucks whose import declaration carries each discrepancy, drawn
   * independently per reason: GOODS_NOT_DECLARED_ON_ENTRY omits the import declaration (and so
   * overrides the others); PLATE_MISMATCH declares another plate of the same nationality;
   * GROSS_MASS_MISMATCH is off by 10–40%; HS_CODE_MISMATCH changes one line's heading (first 4
   * digits); DECLARED_AFTER_CROSSING lodges the import 5–60 min after the vehicle entered.
   */
  discrepancyRates: Readonly<Record<DiscrepancyReason, number>>;
  /**
   * Differences that are not discrepancies: plates typed in Latin or Cyrillic with or without
   * spaces (never misread), import gross masses within 1% of the export's, and 10-digit national
   * extensions of the same 6-digit HS code.
   */
  legitimateVariation: boolean;
}

/**
 * How imperfect the cameras and the feeds are (issue 4, docs/domain.md "Licence plates"). Every
 * draw is seeded by (seed, what it concerns), so noise on one event never shifts another.
 * `withNoiseScale` multiplies the rates and the skew; shares and delay ranges stay.
 */
export interface NoiseConfig {
  /** Per character of a read, by the country of the camera: the camera prints another character. */
  misreadRate: Readonly<Record<Country, number>>;
  /**
   * Of the misreads, the share that stays inside an ANPR confusion class (`CONFUSION_CLASSES`);
   * the rest become any other letter or digit. Characters with class mates are misread more
   * often, so that the per-character rate stays `misreadRate` on average over a plate.
   */
  inClassShare: number;
  /** Per read: one character dropped or one spurious character inserted (half each). */
  dropInsertRate: number;
  /** Per passage of a vehicle at a camera: the camera missed it, no read at all (no sequence used). */
  missedCaptureRate: number;
  /** Per passage: the same camera reads the vehicle again 0.5–3 s later (own id and sequence). */
  repeatReadRate: number;
  /** Per passage: the other lane's camera of the same side and direction reads it too, within ±1 s. */
  otherLaneReadRate: number;
  /**
   * How far two cameras' clocks may disagree: each camera keeps a fixed offset uniform in
   * ±maxClockSkewMs/2. Capture times and heartbeat `upTo` are camera-clock times.
   */
  maxClockSkewMs: number;
  /** Per read: delivered `lateDelayMinutes` after the capture instead of at once. */
  lateDeliveryRate: number;
  lateDelayMinutes: readonly [number, number];
  /** Per read: CAR↔VAN or TRUCK↔BUS. */
  categoryConfusionRate: number;
  /** Per read: category UNKNOWN. */
  categoryUnknownRate: number;
  /** Per read: no plate nationality reported. */
  nationalityMissingRate: number;
  declarations: DeclarationNoise;
}

const NO_DISCREPANCIES: Readonly<Record<DiscrepancyReason, number>> = {
  GOODS_NOT_DECLARED_ON_ENTRY: 0,
  PLATE_MISMATCH: 0,
  GROSS_MASS_MISMATCH: 0,
  HS_CODE_MISMATCH: 0,
  DECLARED_AFTER_CROSSING: 0,
};

/** Perfect cameras, punctual feeds, identical paperwork: every read is the plate itself. */
export const NO_NOISE: NoiseConfig = {
  misreadRate: { UA: 0, MD: 0 },
  inClassShare: 0.85,
  dropInsertRate: 0,
  missedCaptureRate: 0,
  repeatReadRate: 0,
  otherLaneReadRate: 0,
  maxClockSkewMs: 0,
  lateDeliveryRate: 0,
  lateDelayMinutes: [1, 8],
  categoryConfusionRate: 0,
  categoryUnknownRate: 0,
  nationalityMissingRate: 0,
  declarations: { discrepancyRates: NO_DISCREPANCIES, legitimateVariation: false },
};

/** The target noise of issue 4: what the matcher must survive at precision 0.999 and recall 0.99. */
export const TARGET_NOISE: NoiseConfig = {
  misreadRate: { UA: 0.03, MD: 0.03 },
  inClassShare: 0.85,
  dropInsertRate: 0.01,
  missedCaptureRate: 0.01,
  repeatReadRate: 0.005,
  otherLaneReadRate: 0.003,
  maxClockSkewMs: 3 * 60_000,
  lateDeliveryRate: 0.01,
  // Below the reconciler's 10-min stale threshold: a camera buffering a read holds its heartbeat back that long.
  lateDelayMinutes: [1, 8],
  categoryConfusionRate: 0.01,
  categoryUnknownRate: 0.01,
  nationalityMissingRate: 0.1,
  declarations: {
    discrepancyRates: {
      GOODS_NOT_DECLARED_ON_ENTRY: 0.02,
      PLATE_MISMATCH: 0.02,
      GROSS_MASS_MISMATCH: 0.02,
      HS_CODE_MISMATCH: 0.02,
      DECLARED_AFTER_CROSSING: 0.02,
    },
    legitimateVariation: true,
  },
};

/** A scaled rate stays a plausible rate: half of all reads wrong is already a broken camera. */
export const MAX_NOISE_RATE = 0.5;

/**
 * The scenario with its noise multiplied by `factor`: 0 = none at all, 1 = as defined, 2 =
 * double. Rates are capped at MAX_NOISE_RATE, the Cyrillic share at 1; the clock-skew bound
 * scales too. Declarants' behaviour (`noise.declarations`) is not noise and stays as defined.
 */
export function withNoiseScale(scenario: Scenario, factor: number): Scenario {
  if (!Number.isFinite(factor) || factor < 0)
    throw new Error(`noise factor must be a finite number ≥ 0, got ${factor}`);
  const n = scenario.noise;
  const rate = (r: number) => Math.min(MAX_NOISE_RATE, r * factor);
  return {
    ...scenario,
    cyrillicShareUa: Math.min(1, scenario.cyrillicShareUa * factor),
    noise: {
      ...n,
      misreadRate: { UA: rate(n.misreadRate.UA), MD: rate(n.misreadRate.MD) },
      dropInsertRate: rate(n.dropInsertRate),
      missedCaptureRate: rate(n.missedCaptureRate),
      repeatReadRate: rate(n.repeatReadRate),
      otherLaneReadRate: rate(n.otherLaneReadRate),
      maxClockSkewMs: Math.round(n.maxClockSkewMs * factor),
      lateDeliveryRate: rate(n.lateDeliveryRate),
      categoryConfusionRate: rate(n.categoryConfusionRate),
      categoryUnknownRate: rate(n.categoryUnknownRate),
      nationalityMissingRate: rate(n.nationalityMissingRate),
    },
  };
}
