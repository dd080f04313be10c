import { randomUUID } from 'node:crypto';
import { type EventIdSource } from './validation';

/**
 * Ids for events posted over HTTP without their own. A random UUID rather than one derived
 * from camera and sequence: the sequence counter restarts with the process, so a derived id
 * would make a new read after a restart look like a republish of an old one and be deduplicated
 * away. A client that wants idempotent retries sends its own `eventId`.
 */
export class HttpEventIds implements EventIdSource {
  private readonly sequences = new Map<string, number>();

  nextSequence(cameraId: string): number {
    const next = this.sequences.get(cameraId) ?? 0;
    this.sequences.set(cameraId, next + 1);
    return next;
  }

  newEventId(): string {
    return randomUUID();
  }
}
