export * from './free-port';
export * from './repo-root';
export * from './kafka-jvm.broker';
export * from './kafka-ready';
export * from './redis-local';
export * from './docker-stack';
export * from './local-stack';
