export * from './matching.entities';
