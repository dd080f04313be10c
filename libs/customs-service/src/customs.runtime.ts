import { type CustomsConfig } from '@uamd/config';
import { type EventProducer } from '@uamd/messaging';
import { type RecordTarget } from './event-records';
import { type Clock, type SidePublisher } from './side-publisher';
import { type EventIdSource } from './validation';

/** Nest injection token of the one runtime object a service's controller works with. */
export const CUSTOMS_RUNTIME = Symbol('CUSTOMS_RUNTIME');

/** Everything the HTTP side needs, built by startCustomsService and handed to the module as a value. */
export interface CustomsRuntime {
  config: CustomsConfig;
  target: RecordTarget;
  producer: EventProducer;
  clock: Clock;
  ids: EventIdSource;
  publisher: SidePublisher | undefined;
}
