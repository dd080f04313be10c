import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ReconcilerTransport } from './reconciler.transport';

/** Counters, positions, what the merge waits on, and each assigned partition's state. */
@Controller('status')
export class StatusController {
  constructor(private readonly transport: ReconcilerTransport) {}

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
    };
  }
}
