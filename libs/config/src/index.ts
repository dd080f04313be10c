export * from './env-reader';
export * from './customs.config';
export * from './reconciler.config';
