export * from './reconciler.runtime';
export * from './reconciler.stats';
export * from './state-mapping';
export * from './output-headers';
