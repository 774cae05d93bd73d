export * from './exports.entities';
