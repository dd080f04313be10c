/** Nest injection tokens of a customs service's providers (built in `CustomsModule.forConfig`). */
export const CUSTOMS_CONFIG = Symbol('CustomsConfig');
export const CLOCK = Symbol('Clock');
/** The codec, topics and partition count every record of this service is built with. */
export const RECORD_TARGET = Symbol('RecordTarget');
export const EVENT_PRODUCER = Symbol('EventProducer');
/** Ids for events posted over HTTP without their own. */
export const HTTP_EVENT_IDS = Symbol('HttpEventIds');
/** What keeps this side's topics moving: the simulation publisher, or the intake heartbeats. */
export const CUSTOMS_FEED = Symbol('CustomsFeed');
