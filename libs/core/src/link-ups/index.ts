export * from './link-up-changes.bus';
export * from './link-up-event.entity';
export * from './link-up.entity';
export * from './link-up.errors';
export * from './link-ups.entities';
export * from './link-ups.module';
export * from './link-ups.service';
