import { camerasOf, COUNTRIES, crossingPoint, type Direction } from '@uamd/domain';
import { createRng } from './prng';
import { scenarioPostIds, type Scenario } from './scenarios';

const DIRECTIONS: readonly Direction[] = ['EXIT', 'ENTRY'];

/**
 * Each camera's fixed clock offset in ms (camera clock = true time + offset), uniform in
 * ±maxClockSkewMs/2, so two cameras, on either side, disagree by at most maxClockSkewMs. Seeded
 * by the camera id: a camera keeps its offset whatever the traffic.
 */
export function cameraClockOffsets(scenario: Scenario, seed: number): Record<string, number> {
  const half = scenario.noise.maxClockSkewMs / 2;
  const offsets: Record<string, number> = {};
  for (const id of scenarioPostIds(scenario)) {
    const point = crossingPoint(id);
    for (const country of COUNTRIES)
      for (const direction of DIRECTIONS)
        for (const cameraId of camerasOf(country, point, direction))
          // uniform() stays below its upper end, so rounding never leaves [-half, half]; `|| 0` avoids -0.
          offsets[cameraId] =
            half > 0
              ? Math.round(createRng(seed, `clock:${cameraId}`).uniform(-half, half)) || 0
              : 0;
  }
  return offsets;
}
