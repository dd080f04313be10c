import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ReconcilerMetrics } from './metrics/reconciler.metrics';
import { ReconcilerTransport } from './reconciler.transport';

/** Counters, positions, what the merge waits on, each assigned partition's state, latency percentiles. */
@Controller('status')
export class StatusController {
  constructor(
    private readonly transport: ReconcilerTransport,
    private readonly metrics: ReconcilerMetrics,
  ) {}

  @Get()
  status() {
    const runtime = this.transport.runtime;
    if (!runtime) throw new ServiceUnavailableException('the reconciler is not consuming yet');
    const { buffered, waitingOn } = runtime.alignment();
    return {
      ...runtime.stats.snapshot(),
      positions: Object.fromEntries(runtime.positions()),
      buffered,
      waitingOn,
      partitions: Object.fromEntries(runtime.partitionHealth()),
      // HDR percentiles (ms) since start, per `<match|alarm> <post> <route>`.
      latency: Object.fromEntries(
        this.metrics.histograms
          .keys()
          .map((key) => [key, this.metrics.histograms.percentiles(key)]),
      ),
    };
  }
}
