import { BoundedQueue } from './bounded-queue';
import { type EventSink, LiveClients } from './live-clients';

/** A response whose reader takes nothing: every write stays queued. */
class StalledSink implements EventSink {
  written: string[] = [];
  writableLength = 0;
  destroyed = false;
  ended = false;
  write(chunk: string): boolean {
    this.written.push(chunk);
    this.writableLength += Buffer.byteLength(chunk);
    return false;
  }
  end(): void {
    this.ended = true;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** A reader that keeps up: nothing stays queued. */
class FastSink extends StalledSink {
  override write(chunk: string): boolean {
    this.written.push(chunk);
    return true;
  }
}

describe('LiveClients', () => {
  it('refuses a client past the cap, and takes one again once another leaves', () => {
    const clients = new LiveClients({ maxClients: 2, maxBufferedBytes: 100 });
    const [a, b, c] = [new FastSink(), new FastSink(), new FastSink()];
    expect(clients.add(a)).toBe(true);
    expect(clients.add(b)).toBe(true);
    expect(clients.add(c)).toBe(false);
    clients.remove(a);
    expect(clients.add(c)).toBe(true);
    expect(clients.size).toBe(2);
  });

  it('drops a client whose queued bytes would overflow, and keeps writing to the others', () => {
    const clients = new LiveClients({ maxClients: 10, maxBufferedBytes: 100 });
    const slow = new StalledSink();
    const fast = new FastSink();
    clients.add(slow);
    clients.add(fast);
    const chunk = 'x'.repeat(40);
    for (let i = 0; i < 5; i++) clients.broadcast(chunk);
    expect(slow.written).toHaveLength(2);
    expect(slow.destroyed).toBe(true);
    expect(clients.dropped).toBe(1);
    expect(fast.written).toHaveLength(5);
    expect(clients.size).toBe(1);
  });

  it('ends idle streams and destroys stalled ones on close', () => {
    const clients = new LiveClients({ maxClients: 10, maxBufferedBytes: 100 });
    const slow = new StalledSink();
    const fast = new FastSink();
    clients.add(slow);
    clients.add(fast);
    clients.broadcast('tick');
    clients.closeAll();
    expect(fast.ended).toBe(true);
    expect(slow.destroyed).toBe(true);
    expect(clients.size).toBe(0);
  });
});

describe('BoundedQueue', () => {
  it('keeps the newest items and counts the ones it dropped', () => {
    const q = new BoundedQueue<number>(3);
    for (let i = 1; i <= 5; i++) q.push(i);
    expect(q.drain()).toEqual({ items: [3, 4, 5], dropped: 2 });
    q.push(6);
    expect(q.drain()).toEqual({ items: [6], dropped: 0 });
  });
});
