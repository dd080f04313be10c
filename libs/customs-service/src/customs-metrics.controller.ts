import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { type Response } from 'express';
import { CustomsMetrics } from './customs-metrics';

/** Prometheus text format; query parameters are ignored. */
@Controller('metrics')
export class CustomsMetricsController {
  constructor(@Inject(CustomsMetrics) private readonly metrics: CustomsMetrics) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res() res: Response): Promise<void> {
    res.setHeader('content-type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }
}
