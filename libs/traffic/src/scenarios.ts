import { CROSSING_POINTS, type VehicleCategory } from '@uamd/domain';
import { type Incident } from './incidents';
import { NO_NOISE, TARGET_NOISE, type NoiseConfig } from './noise';
/** What to simulate; together with a seed it fixes the whole world (DESIGN.md §6). */
export interface Scenario {
  name: string;
  /** Revision of this scenario's definition (the `vN` of its file): a changed world gets a new one. */
  version: number;
  /** One line, printed by the CLI's `scenarios`. */
  description: string;
  /** What the scenario is for and what it injects, at more length. */
  notes?: string;
  /** Fixed epoch ms, so a (scenario, seed) pair never depends on when it is run. */
  start: number;
  durationMinutes: number;
  /** Multiplies each post's daily volume (registry `vehiclesPerDay`, its weekly mean). */
  volumeFactor: number;
  /** Multiplies one category's volume on top of `volumeFactor` (1 when absent). */
  categoryFactors?: Readonly<Partial<Record<VehicleCategory, number>>>;
  heartbeatIntervalSeconds: number;
  /**
   * Share of UA-registered plates that UA cameras report in Cyrillic or mixed script; scaled
   * with the noise by `withNoiseScale` (capped at 1).
   */
  cyrillicShareUa: number;
  /** Camera, feed and declaration noise (see `NoiseConfig`). */
  noise: NoiseConfig;
  /** Share of trips that exit and never enter. */
  noShowShare: number;
  /** Registry ids of the posts with traffic; all posts when absent. */
  crossingPoints?: readonly string[];
  /** What goes wrong, and when (see `Incident`); none when absent. */
  incidents?: readonly Incident[];
}

const defaults = {
  version: 1,
  volumeFactor: 1,
  heartbeatIntervalSeconds: 30,
  cyrillicShareUa: 0.3,
  noShowShare: 0.01,
  noise: TARGET_NOISE,
} as const;

/** 09:00 on a Monday at the border (06:00 UTC, summer time). */
const MONDAY_9AM_LOCAL = Date.UTC(2024, 8, 2, 6);

export const SCENARIOS: readonly Scenario[] = [
  {
    ...defaults,
    name: 'demo',
    description: 'Four simulated hours of a Monday morning (09:00–13:00) at all three posts.',
    start: MONDAY_9AM_LOCAL,
    durationMinutes: 4 * 60,
  },
  {
    ...defaults,
    name: 'weekday',
    description: 'A Tuesday, midnight to midnight at the border, at all three posts.',
    start: Date.UTC(2024, 8, 2, 21),
    durationMinutes: 24 * 60,
  },
  {
    ...defaults,
    name: 'tiny',
    description:
      'Twenty simulated minutes at all posts without noise (every read exact), for smoke and integration tests.',
    start: MONDAY_9AM_LOCAL,
    durationMinutes: 20,
    noise: NO_NOISE,
  },
];

export const SCENARIO_NAMES: readonly string[] = SCENARIOS.map((s) => s.name);

export function scenarioByName(name: string): Scenario {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found)
    throw new Error(`unknown scenario '${name}'; known scenarios: ${SCENARIO_NAMES.join(', ')}`);
  return found;
}

/** The end of the observed period, epoch ms. */
export function scenarioEnd(scenario: Scenario): number {
  return scenario.start + scenario.durationMinutes * 60_000;
}

export function scenarioPostIds(scenario: Scenario): readonly string[] {
  return scenario.crossingPoints ?? CROSSING_POINTS.map((p) => p.id);
}
