// Pure programme rules: no Nest, TypeORM or BullMQ here.
export * from './check-in-planning';
export * from './de-identification';
export * from './demo-data';
export * from './link-up-stages';
export * from './matching';
export * from './vocabulary';
export * from './settings';
export * from './family-lifecycle';
export * from './outcome-measures';
export * from './journey';
export * from './feedback';
