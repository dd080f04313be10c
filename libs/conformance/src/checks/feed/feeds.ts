import { COUNTRIES, CROSSING_POINTS, type Country, type InputEvent } from '@uamd/domain';
import { isRegistryCamera } from '../registry-keys';

/**
 * The feeds of docs/design.md §3: each camera (its reads and `CameraHeartbeat`s, on its side's
 * plate-read topic) and each post's declaration feed of one country (its declarations and
 * `DeclarationHeartbeat`s). A heartbeat speaks for its own feed only, so the feed conditions
 * keep their state per feed, named as people read it in a reason.
 */
export function feedOf(event: InputEvent): string {
  switch (event.type) {
    case 'PlateRead':
    case 'CameraHeartbeat':
      return cameraFeed(event.data.cameraId);
    case 'CustomsDeclaration':
    case 'DeclarationHeartbeat':
      return declarationFeed(event.data.country, event.data.crossingPoint);
    default: {
      const unreachable: never = event;
      throw new Error(`unknown input ${JSON.stringify(unreachable)}`);
    }
  }
}

export function cameraFeed(cameraId: string): string {
  return `${CAMERA_FEED}${cameraId}`;
}

export function declarationFeed(country: Country, crossingPoint: string): string {
  return `${country} declarations at ${crossingPoint}`;
}

const REGISTRY_DECLARATION_FEEDS: ReadonlySet<string> = new Set(
  CROSSING_POINTS.flatMap((p) => COUNTRIES.map((c) => declarationFeed(c, p.id))),
);
const CAMERA_FEED = 'camera ';

/** Whether a feed (as `feedOf` names it) is one of the registry's: its camera, or its post. */
export function isRegistryFeed(feed: string): boolean {
  return feed.startsWith(CAMERA_FEED)
    ? isRegistryCamera(feed.slice(CAMERA_FEED.length))
    : REGISTRY_DECLARATION_FEEDS.has(feed);
}

/** `new Date` refuses epoch ms beyond this, though an Avro long can carry more. */
const MAX_DATE_MS = 8.64e15;

/** An instant as people read it in a reason; the raw epoch ms when no calendar date has it. */
export function instant(ms: number): string {
  return Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : `${ms} ms since the epoch`;
}

/** A duration in seconds, to the millisecond. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
