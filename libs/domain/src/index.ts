export * from './events';
export * from './posts';
export * from './plates';
export * from './declarations';
export * from './matching';
export * from './alignment';
