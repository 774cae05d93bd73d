export * from './programme-settings-version.entity';
export * from './programme-settings.service';
export * from './settings.module';
