export * from './link-up-details.service';
export * from './link-up-stages.module';
export * from './link-up-stages.service';
