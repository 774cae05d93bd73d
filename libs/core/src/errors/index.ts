export * from './domain-error';
export * from './database-errors';
export * from './connection-errors';
export * from './describe-safely';
export * from './field-problem';
