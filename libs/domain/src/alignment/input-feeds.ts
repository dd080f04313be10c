import { type Country, type InputEvent, type InputEventType } from '../events/input-events';

/** One input feed of a partition: a country's plate-read topic or its declarations topic. */
export interface InputFeed {
  country: Country;
  stream: 'plateReads' | 'declarations';
}

/**
 * The input rank used to break timestamp ties in the merge (docs/design.md §3): per country its
 * declarations before its plate reads (a declaration delivered with a crossing is known when
 * the crossing is decided), UA before MD. Changing it changes decisions: it is part of the log's meaning.
 */
export const INPUT_FEEDS: readonly InputFeed[] = [
  { country: 'UA', stream: 'declarations' },
  { country: 'UA', stream: 'plateReads' },
  { country: 'MD', stream: 'declarations' },
  { country: 'MD', stream: 'plateReads' },
];

export function feedRank(country: Country, stream: InputFeed['stream']): number {
  return INPUT_FEEDS.findIndex((f) => f.country === country && f.stream === stream);
}

/** The stream an event type is published on: heartbeats share their feed's topic. */
export function streamOf(type: InputEventType): InputFeed['stream'] {
  return type === 'CustomsDeclaration' || type === 'DeclarationHeartbeat'
    ? 'declarations'
    : 'plateReads';
}

/** The feed (rank) an input event is published on. */
export function feedRankOf(event: InputEvent): number {
  return feedRank(event.data.country, streamOf(event.type));
}
