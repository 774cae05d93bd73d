export * from './feedback-alert.entity';
export * from './feedback.entities';
export * from './feedback.module';
export * from './link-up-feedback.entity';
export * from './link-up-feedback.service';
