export * from './border-posts.registry';
