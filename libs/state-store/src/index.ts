export * from './reconciler-state.store';
export * from './redis-keys';
