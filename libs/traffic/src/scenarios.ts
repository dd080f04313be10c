import { CROSSING_POINTS, type VehicleCategory } from '@uamd/domain';
import { type Incident } from './incidents';
import { type NoiseConfig } from './noise';
import { parseScenarioDefinition } from './scenario-file';
import { type Violation } from './violations/violation';
import blockade from '../../../scenarios/blockade.v1.json';
import bridgeRepair from '../../../scenarios/bridge-repair.v1.json';
import cameraOutage from '../../../scenarios/camera-outage.v1.json';
import clockDrift from '../../../scenarios/clock-drift.v1.json';
import demo from '../../../scenarios/demo.v1.json';
import holidayPeak from '../../../scenarios/holiday-peak.v1.json';
import lateNeighbourFeed from '../../../scenarios/late-neighbour-feed.v1.json';
import mdCentralOutage from '../../../scenarios/md-central-outage.v1.json';
import month from '../../../scenarios/month.v1.json';
import tiny from '../../../scenarios/tiny.v1.json';
import weekday from '../../../scenarios/weekday.v1.json';

/** What to simulate; together with a seed it fixes the whole world (docs/design.md §6). */
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
  /**
   * Multiplies every entry control's hourly capacity (1 when absent): a load test that scales
   * `volumeFactor` scales the lanes with it, or every vehicle would queue for days.
   */
  entryCapacityFactor?: number;
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
  /**
   * Faults injected into the traffic as it is observed, each breaking one technical condition
   * (see `Violation`), for the conformance checker's tests; none when absent. The world (trips,
   * truth) is the same with or without them.
   */
  violations?: readonly Violation[];
}

/**
 * The named scenarios, one JSON definition each in `scenarios/<name>.v<version>.json` at the
 * repository root (format in `scenarios/README.md`), checked when this module loads. Imported
 * rather than read from disk, so the generator stays pure and a build carries them.
 */
export const SCENARIOS: readonly Scenario[] = (
  [
    ['demo.v1.json', demo],
    ['weekday.v1.json', weekday],
    ['tiny.v1.json', tiny],
    ['holiday-peak.v1.json', holidayPeak],
    ['bridge-repair.v1.json', bridgeRepair],
    ['md-central-outage.v1.json', mdCentralOutage],
    ['blockade.v1.json', blockade],
    ['camera-outage.v1.json', cameraOutage],
    ['late-neighbour-feed.v1.json', lateNeighbourFeed],
    ['clock-drift.v1.json', clockDrift],
    ['month.v1.json', month],
  ] as const
).map(([file, json]) => parseScenarioDefinition(json, `scenarios/${file}`));

export const SCENARIO_NAMES: readonly string[] = SCENARIOS.map((s) => s.name);

/** The built-in scenario of that name, if there is one. */
export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

export function scenarioByName(name: string): Scenario {
  const found = findScenario(name);
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
