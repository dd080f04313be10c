export * from './input-aligner';
export * from './input-feeds';
