// Pure programme rules: no Nest, TypeORM or BullMQ here.
export * from './check-in-planning';
export * from './de-identification';
export * from './link-up-stages';
