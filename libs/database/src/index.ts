export * from './data-source-options';
export * from './database.module';
export * from './embedded/embedded-postgres.server';
export * from './embedded/start-embedded-database';
export * from './migrate';
