import { scenarioByName } from './scenarios';
import { generateWorld } from './traffic-generator';
import { type World } from './world';

/** Each named scenario's world for one seed, generated once and reused (tests over many scenarios). */
export function worldCache(seed: number): (scenario: string) => World {
  const generated = new Map<string, World>();
  return (name) => {
    let w = generated.get(name);
    if (!w) generated.set(name, (w = generateWorld(scenarioByName(name), seed)));
    return w;
  };
}
