export * from './matching.config';
export * from './partition-state';
export * from './plate.matcher';
export * from './pending-index';
export * from './reconcile';
export * from './output-ids';
export * from './watermarks';
