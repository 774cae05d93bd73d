export * from './safeguarding-concern-entry.entity';
export * from './safeguarding-concern.entity';
export * from './safeguarding.entities';
export * from './safeguarding.errors';
export * from './safeguarding.module';
export * from './safeguarding.service';
