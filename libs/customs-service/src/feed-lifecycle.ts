import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type Subscription } from 'rxjs';
import { CUSTOMS_FEED } from './customs.tokens';

/** What `SidePublisher` and `IntakeHeartbeats` have in common: they run until stopped. */
export interface CustomsFeed {
  start(): void;
  /** Resolves once the send in flight has settled. */
  stop(): Promise<void>;
}

/**
 * Starts the feed once the HTTP server listens, and stops it before the server closes and the
 * producer disconnects. Nest bootstraps before `listen`, so the start waits for the listening
 * event: a service that cannot get its port publishes nothing.
 */
@Injectable()
export class FeedLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private waiting: Subscription | undefined;

  constructor(
    @Inject(CUSTOMS_FEED) private readonly feed: CustomsFeed,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    if (this.adapterHost.listening) this.feed.start();
    else this.waiting = this.adapterHost.listen$.subscribe(() => this.feed.start());
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.waiting?.unsubscribe();
    await this.feed.stop();
  }
}
