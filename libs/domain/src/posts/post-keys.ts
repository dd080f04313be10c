import { CROSSING_POINTS } from './border-posts.registry';

/**
 * A composite key per post (`first-seen:<post>`) or per post and country (`<post>|<country>`),
 * built once for each registered post: the decider looks such keys up on every input, and a key
 * concatenated each time is a fresh string to flatten and hash at every lookup. Another post or
 * country (never one that passed validation) gets a fresh string, as before.
 */
export function perPost(build: (point: string) => string): (point: string) => string {
  const built = new Map(CROSSING_POINTS.map((p) => [p.id, build(p.id)]));
  return (point) => built.get(point) ?? build(point);
}

export function perPostAndCountry(
  build: (point: string, country: string) => string,
): (point: string, country: string) => string {
  const built = new Map(
    CROSSING_POINTS.map((p) => [p.id, { UA: build(p.id, 'UA'), MD: build(p.id, 'MD') }]),
  );
  return (point, country) => {
    const keys = built.get(point);
    if (keys && country === 'UA') return keys.UA;
    if (keys && country === 'MD') return keys.MD;
    return build(point, country);
  };
}
