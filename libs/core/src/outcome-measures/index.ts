export * from './outcome-measures.entities';
