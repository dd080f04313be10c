import { COUNTRIES, CROSSING_POINTS, findCrossingPoint, sideCameras } from '@uamd/domain';

/** Every camera of the border-post registry, both sides of every post. */
const REGISTRY_CAMERAS: ReadonlySet<string> = new Set(
  CROSSING_POINTS.flatMap((point) => COUNTRIES.flatMap((c) => [...sideCameras(c, point.id)])),
);

/**
 * Whether a key a partner's message makes is one the registry knows: the checks keep full state
 * for these, a bounded few for the rest (`BoundedStates`).
 */
export const isRegistryCamera = (cameraId: string): boolean => REGISTRY_CAMERAS.has(cameraId);
export const isRegistryPost = (crossingPoint: string): boolean =>
  findCrossingPoint(crossingPoint) !== undefined;
