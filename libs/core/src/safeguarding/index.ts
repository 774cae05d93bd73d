export * from './safeguarding-concern.entity';
export * from './safeguarding.entities';
export * from './safeguarding.module';
export * from './safeguarding.service';
