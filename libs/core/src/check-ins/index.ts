export * from './check-in.entity';
export * from './check-in.errors';
export * from './check-ins.entities';
export * from './check-ins.module';
export * from './check-ins.service';
