export * from './input-events';
export * from './output-events';
