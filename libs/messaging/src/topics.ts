import { streamOf, type Country, type InputEventType } from '@uamd/domain';

/**
 * Topic names (docs/design.md §1): each country writes only its own `<cc>.*` topics; the
 * reconciler writes only `reconciler.*`. A prefix isolates a run or a test.
 */
export interface TopicNames {
  plateReads: Record<Country, string>;
  declarations: Record<Country, string>;
  crossings: string;
  alerts: string;
  deadLetter: string;
}

export function topicNames(prefix = ''): TopicNames {
  return {
    plateReads: { UA: `${prefix}ua.plate-reads`, MD: `${prefix}md.plate-reads` },
    declarations: { UA: `${prefix}ua.declarations`, MD: `${prefix}md.declarations` },
    crossings: `${prefix}reconciler.crossings`,
    alerts: `${prefix}reconciler.alerts`,
    deadLetter: `${prefix}reconciler.dead-letter`,
  };
}

export function inputTopics(names: TopicNames): string[] {
  return [names.plateReads.UA, names.declarations.UA, names.plateReads.MD, names.declarations.MD];
}

/** The two topics `country` writes (and, on a secured cluster, alone may create). */
export function countryTopics(names: TopicNames, country: Country): string[] {
  return [names.plateReads[country], names.declarations[country]];
}

export function allTopics(names: TopicNames): string[] {
  return [...inputTopics(names), names.crossings, names.alerts, names.deadLetter];
}

/** Heartbeats share their feed's topic so they stay ordered after the events they vouch for. */
export function inputTopicFor(names: TopicNames, type: InputEventType, country: Country): string {
  return names[streamOf(type)][country];
}
