export * from './match-score';
export * from './discrepancy-score';
export * from './reconcile-offline';
export * from './streaming-reconciler';
export * from './score-outputs';
