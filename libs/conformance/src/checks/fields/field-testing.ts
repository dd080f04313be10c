import { type InputEvent, type InputEventType } from '@uamd/domain';
import { type ObservedEvent } from '@uamd/traffic';
import { type ConditionCheck, type ConditionResult } from '../../condition';
import { exchangedAll, observedTraffic, runCheck } from '../../testing/exchanged-traffic';

/** An observed event whose type is known, so a test can read its fields. */
export type Observed<T extends InputEventType> = ObservedEvent & {
  event: Extract<InputEvent, { type: T }>;
};

/** The first observed event of a type (and matching `where`): a clean one to spoil in a test. */
export function firstOf<T extends InputEventType>(
  events: readonly ObservedEvent[],
  type: T,
  where: (event: Observed<T>) => boolean = () => true,
): Observed<T> {
  const found = events.find(
    (e): e is Observed<T> => e.event.type === type && where(e as Observed<T>),
  );
  if (!found) throw new Error(`no ${type} in the traffic`);
  return found;
}

export interface CleanRun {
  result: ConditionResult;
  /** How many of the traffic's events the rule applies to (by type), for the `checked` figure. */
  applicable: number;
}

/** A check over a scenario's clean generated traffic. */
export function overCleanTraffic(
  check: ConditionCheck,
  scenario: string,
  seed: number,
  appliesTo: readonly InputEventType[],
): CleanRun {
  const events = observedTraffic(scenario, seed);
  return {
    result: runCheck(check, exchangedAll(events)),
    applicable: events.filter((e) => appliesTo.includes(e.event.type)).length,
  };
}
