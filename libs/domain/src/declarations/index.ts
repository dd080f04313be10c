export * from './mrn';
export * from './declaration-case';
export * from './declaration-rules';
export * from './declaration-linking';
