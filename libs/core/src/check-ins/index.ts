export * from './check-ins.entities';
