export * from './access.decorators';
export * from './access.errors';
export * from './actor';
export * from './current-caller.decorator';
export * from './scope';
export * from './user-role';
