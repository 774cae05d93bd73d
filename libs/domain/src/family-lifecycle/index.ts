export * from './family-lifecycle';
export * from './after-link-up';
