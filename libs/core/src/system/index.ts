export * from './system-ping.entity';
export * from './system-pings.service';
export * from './system.module';
