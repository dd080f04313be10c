export * from './principals';
export * from './secure-material';
export * from './secure-broker.config';
export * from './principal-env';
export * from './exchange-acls';
export * from './grant-acls';
