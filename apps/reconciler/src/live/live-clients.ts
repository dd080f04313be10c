/** The part of an HTTP response an event stream writes to (Express' `Response` is one). */
export interface EventSink {
  write(chunk: string): boolean;
  /** Bytes accepted by `write` and not yet handed to the socket, plus the socket's own backlog. */
  readonly writableLength: number;
  readonly destroyed: boolean;
  end(): void;
  destroy(): void;
}

export interface LiveClientLimits {
  /** Streams open at once; one more is refused (503). */
  maxClients: number;
  /** Bytes a client may have waiting to be sent; a write past this drops the client. */
  maxBufferedBytes: number;
}

export const DEFAULT_LIVE_CLIENT_LIMITS: LiveClientLimits = {
  maxClients: 1_000,
  maxBufferedBytes: 1024 * 1024,
};

/**
 * The open event streams. A write never waits for a client: one that does not read fast enough
 * piles bytes up in its response, and once they would pass `maxBufferedBytes` it is dropped
 * (its connection destroyed; EventSource reconnects and starts again from a fresh `init`), so a
 * slow or stalled reader costs at most that much memory and never holds up the others or the
 * runtime.
 */
export class LiveClients {
  private readonly sinks = new Set<EventSink>();
  /** Clients dropped for falling behind, since start. */
  dropped = 0;

  constructor(private readonly limits: LiveClientLimits = DEFAULT_LIVE_CLIENT_LIMITS) {}

  get size(): number {
    return this.sinks.size;
  }

  /** False when the cap is reached: the caller refuses the stream. */
  add(sink: EventSink): boolean {
    if (this.sinks.size >= this.limits.maxClients) return false;
    this.sinks.add(sink);
    return true;
  }

  remove(sink: EventSink): void {
    this.sinks.delete(sink);
  }

  /** Writes to one client, or drops it when the chunk would overflow its buffer. */
  send(sink: EventSink, chunk: string, bytes = Buffer.byteLength(chunk)): void {
    if (!this.sinks.has(sink)) return;
    if (sink.destroyed) {
      this.sinks.delete(sink);
      return;
    }
    if (sink.writableLength + bytes > this.limits.maxBufferedBytes) {
      this.sinks.delete(sink);
      this.dropped += 1;
      sink.destroy();
      return;
    }
    sink.write(chunk);
  }

  broadcast(chunk: string): void {
    if (this.sinks.size === 0) return;
    const bytes = Buffer.byteLength(chunk);
    for (const sink of [...this.sinks]) this.send(sink, chunk, bytes);
  }

  /**
   * Ends every stream: the HTTP server's close waits for open responses. One with bytes still
   * queued is destroyed instead, since a reader that has stopped would hold the shutdown up.
   */
  closeAll(): void {
    for (const sink of this.sinks) {
      if (sink.destroyed) continue;
      if (sink.writableLength > 0) sink.destroy();
      else sink.end();
    }
    this.sinks.clear();
  }
}
