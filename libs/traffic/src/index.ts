export * from './prng';
export * from './scenarios';
export * from './plates';
export * from './world';
export * from './traffic-generator';
export * from './observe';
export * from './truth';
