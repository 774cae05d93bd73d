export * from './notification.entity';
export * from './notifications.entities';
export * from './notifications.module';
export * from './notifications.service';
export * from './smtp-client';
export * from './sharing-family-holds.service';
