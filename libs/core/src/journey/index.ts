export * from './journey.entities';
