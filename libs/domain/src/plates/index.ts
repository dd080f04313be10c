export * from './plate-normaliser';
export * from './anpr-confusions';
