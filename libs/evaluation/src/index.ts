export * from './match-score';
export * from './discrepancy-score';
export * from './reconcile-offline';
export * from './score-outputs';
