export * from './demo';
export * from './entities';
export * from './errors';
export * from './platform';
export * from './sites';
export * from './system';
