export * from './latency-definitions';
export * from './latency-histograms';
export * from './slo';
export * from './output-latency';
export * from './latency-report';
