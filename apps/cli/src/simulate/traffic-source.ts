import { type TrafficHeader } from '@uamd/codec';

/**
 * What made a traffic file that names no scenario, for people: an imported export's file and
 * whether its heartbeats were made up, or the topics a recording came from. A run of such a
 * file is not a scenario's, and its summary must not name one it never was.
 */
export function madeBy(header: TrafficHeader): string {
  switch (header.source) {
    case 'import-csv': {
      const beats =
        header.heartbeats === 'as-sent'
          ? ', as sent, without heartbeats'
          : header.heartbeats === 'synthesised'
            ? ', heartbeats synthesised'
            : '';
      return `imported from ${header.origin ?? 'a CSV'} by import-csv${beats}`;
    }
    case 'record':
      return `recorded from ${header.origin ?? 'Kafka'} by record`;
    default:
      return `made by ${header.source}`;
  }
}

/**
 * The `scenario` of a `simulate --traffic` summary: the file's own scenario when generated,
 * else the file and what made it (there is no scenario to regenerate, and no truth to score).
 */
export function scenarioOfTraffic(file: string, header: TrafficHeader): string {
  return header.scenario ?? `traffic file ${file} (${madeBy(header)})`;
}
