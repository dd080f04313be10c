export * from './plate-normaliser';
