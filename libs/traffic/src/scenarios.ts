import { CROSSING_POINTS } from '@uamd/domain';
import { NO_NOISE, TARGET_NOISE, type NoiseConfig } from './noise';

/** What to simulate; together with a seed it fixes the whole world (DESIGN.md §6). */
export interface Scenario {
  name: string;
  description: string;
  /** Fixed epoch ms, so a (scenario, seed) pair never depends on when it is run. */
  start: number;
  durationMinutes: number;
  /** Multiplies each post's `vehiclesPerDay` from the registry. */
  volumeFactor: number;
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
}

const MONDAY_6AM_UTC = Date.UTC(2024, 8, 2, 6);

const defaults = {
  start: MONDAY_6AM_UTC,
  volumeFactor: 1,
  heartbeatIntervalSeconds: 30,
  cyrillicShareUa: 0.3,
  noShowShare: 0.01,
  noise: TARGET_NOISE,
} as const;

export const SCENARIOS: readonly Scenario[] = [
  {
    ...defaults,
    name: 'demo',
    description: 'Four simulated hours at all three posts, registry daily volumes.',
    durationMinutes: 4 * 60,
  },
  {
    ...defaults,
    name: 'weekday',
    description: 'A full day (24 h) at all three posts, registry daily volumes.',
    start: Date.UTC(2024, 8, 3, 0),
    durationMinutes: 24 * 60,
  },
  {
    ...defaults,
    name: 'tiny',
    description:
      'Twenty simulated minutes at all posts without noise (every read exact), for smoke and integration tests.',
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
