// Pure programme rules: no Nest, TypeORM or BullMQ here.
export {};
