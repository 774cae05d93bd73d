export * from './demo-seeder.service';
export * from './demo.module';
export * from './demo-programme';
