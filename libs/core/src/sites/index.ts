export * from './site.entity';
export * from './site.errors';
export * from './sites.module';
export * from './sites.service';
