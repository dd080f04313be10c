export * from './plate-normaliser';
export * from './anpr-confusions';
export * from './plate-formats';
export * from './plate-alphabet';
