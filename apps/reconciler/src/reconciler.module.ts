import {
  Controller,
  Get,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type ReconcilerRuntime } from '@uamd/reconciler';

export const RUNTIME = Symbol('ReconcilerRuntime');

@Controller()
class ReconcilerController {
  constructor(@Inject(RUNTIME) private readonly runtime: ReconcilerRuntime) {}

  @Get('health')
  health() {
    return this.runtime.failure
      ? { status: 'failed', error: this.runtime.failure.message }
      : { status: this.runtime.isCrashed ? 'crashed' : 'ok' };
  }

  @Get('status')
  status() {
    return {
      ...this.runtime.stats.snapshot(),
      positions: Object.fromEntries(this.runtime.positions()),
    };
  }
}

class RuntimeLifecycle implements OnApplicationShutdown {
  constructor(@Inject(RUNTIME) private readonly runtime: ReconcilerRuntime) {}

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}

/** Health and status over HTTP; the runtime itself is started before and handed in. */
@Module({})
export class ReconcilerModule {
  static forRuntime(runtime: ReconcilerRuntime): DynamicModule {
    return {
      module: ReconcilerModule,
      controllers: [ReconcilerController],
      providers: [{ provide: RUNTIME, useValue: runtime }, RuntimeLifecycle],
    };
  }
}
