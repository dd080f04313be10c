export { SEQUENCE, SequenceCheck } from './sequence.check';
export { EVENT_IDS, EventIdsCheck } from './event-ids.check';
export { HEARTBEAT_INTERVAL, HeartbeatIntervalCheck } from './heartbeat-interval.check';
export { HEARTBEAT_HONESTY, HeartbeatHonestyCheck } from './heartbeat-honesty.check';
export { MONOTONE, MonotoneCheck } from './monotone.check';
