export * from './family-lifecycle';
