export * from './env-reader';
export * from './customs.config';
export * from './reconciler.config';
export * from './kafka-login';
