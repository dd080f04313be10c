import { Module, type DynamicModule } from '@nestjs/common';
import { CustomsController } from './customs.controller';
import { CUSTOMS_RUNTIME, type CustomsRuntime } from './customs.runtime';

/** One module per service instance; the runtime comes in as a value, so two services can share a process. */
@Module({})
export class CustomsModule {
  static forRuntime(runtime: CustomsRuntime): DynamicModule {
    return {
      module: CustomsModule,
      controllers: [CustomsController],
      providers: [{ provide: CUSTOMS_RUNTIME, useValue: runtime }],
    };
  }
}
