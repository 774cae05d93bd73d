export * from './access.errors';
export * from './actor';
export * from './scope';
export * from './user-role';
