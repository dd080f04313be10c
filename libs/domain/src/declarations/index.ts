export * from './mrn';
