export * from './field-checks';
export * from './plate-read.validator';
export * from './declaration.validator';
export * from './time-field';
