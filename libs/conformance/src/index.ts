export * from './condition';
export * from './exchanged-record';
export * from './conformance-run';
export * from './checks';
export * from './report';
export * from './sources/traffic-file-source';
export * from './sources/topic-records';
