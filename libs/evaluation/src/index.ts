export * from './match-score';
export * from './exact-plate.baseline';
