export * from './safeguarding.entities';
