/** Parsers of the options several commands share; each names the option it refuses. */

export function parseSpeed(raw: string): number | 'max' {
  if (raw === 'max') return 'max';
  const speed = Number(raw);
  if (!Number.isFinite(speed) || speed <= 0)
    throw new Error(`--speed must be a positive number or 'max', got '${raw}'`);
  return speed;
}

export function parseCount(name: string, min: number, max: number) {
  return (raw: string): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`${name} must be an integer from ${min} to ${max}, got '${raw}'`);
    return n;
  };
}

export function parseNoise(raw: string): number {
  const noise = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(noise) || noise < 0 || noise > 10)
    throw new Error(`--noise must be a number from 0 to 10, got '${raw}'`);
  return noise;
}

/** Help of every `--scenario`: a built-in name or a file (rule in `isScenarioPath`). */
export const SCENARIO_OPTION_HELP =
  "built-in scenario name (see 'scenarios'), or the path of a scenario file <name>.v<N>.json (a value with a '/' or ending in .json is a path)";

/** ISO-8601 or epoch milliseconds. */
export function parseTime(name: string) {
  return (raw: string): number => {
    const ms = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
    if (!Number.isFinite(ms))
      throw new Error(`${name} must be an ISO-8601 time or epoch milliseconds, got '${raw}'`);
    return ms;
  };
}

/** The brokers of KAFKA_BROKERS (a running `uamd stack` fills it in), or a clear refusal. */
export function requireBrokers(command: string): string[] {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter((b) => b.trim() !== '');
  if (brokers.length === 0)
    throw new Error(
      `${command} works on a running broker: start one with \`uamd stack up\`, or set KAFKA_BROKERS (and TOPIC_PREFIX if any).`,
    );
  return brokers;
}
