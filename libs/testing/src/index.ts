export * from './tcp-proxy';
export * from './test-database';
export * from './wait-for';
export * from './accounts';
