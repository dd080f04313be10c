import { observeBothSides, type ObservedEvent } from './observe';
import { scenarioByName } from './scenarios';
import { generateWorld } from './traffic-generator';
import { streamObservedEvents } from './world-stream';

/** Both sides merged as a replay publishes them: UA first at the same instant. */
const merged = (name: string, seed: number): ObservedEvent[] =>
  observeBothSides(generateWorld(scenarioByName(name), seed));

const take = (events: Iterable<ObservedEvent>, n: number): ObservedEvent[] => {
  const out: ObservedEvent[] = [];
  for (const e of events) {
    if (out.length === n) break;
    out.push(e);
  }
  return out;
};

describe('streamObservedEvents', () => {
  it.each([
    ['tiny', 5, 60],
    ['demo', 42, 60],
    ['demo', 42, 7],
    ['camera-outage', 3, 45],
    ['late-neighbour-feed', 42, 60],
    ['md-central-outage', 9, 90],
    ['blockade', 42, 60],
  ])(
    '%s seed %i in steps of %i min: the same events in the same order as both observed sides of the whole world',
    (name, seed, chunkMinutes) => {
      const streamed = [...streamObservedEvents(scenarioByName(name), seed, { chunkMinutes })];
      const whole = merged(name, seed);
      expect(streamed.length).toBe(whole.length);
      expect(JSON.stringify(streamed) === JSON.stringify(whole)).toBe(true);
    },
  );

  it('generates a month lazily: its first events come without the rest, the same on every run', () => {
    const month = scenarioByName('month');
    expect(month.durationMinutes).toBe(30 * 24 * 60);
    const a = take(streamObservedEvents(month, 42), 20_000);
    const b = take(streamObservedEvents(month, 42), 20_000);
    expect(a).toHaveLength(20_000);
    expect(JSON.stringify(a) === JSON.stringify(b)).toBe(true);
    expect(a[a.length - 1]!.deliverAt - month.start).toBeLessThan(12 * 3_600_000);
  });
});
