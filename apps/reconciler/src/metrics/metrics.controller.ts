import { Controller, Get, Header, Res } from '@nestjs/common';
import { type Response } from 'express';
import { ReconcilerTransport } from '../reconciler.transport';
import { ReconcilerMetrics } from './reconciler.metrics';

/** Prometheus text format; query parameters are ignored. */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ReconcilerMetrics,
    private readonly transport: ReconcilerTransport,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res() res: Response): Promise<void> {
    const alignment = this.transport.runtime?.alignment();
    if (alignment) {
      this.metrics.merge.buffered.set(alignment.buffered);
      this.metrics.merge.waiting.set(alignment.waitingOn.length);
    }
    res.setHeader('content-type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }
}
