import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { LinkUpsModule } from '../link-ups/link-ups.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SafeguardingModule } from '../safeguarding/safeguarding.module';
import { SettingsModule } from '../settings/settings.module';
import { CheckIn } from './check-in.entity';
import { CheckInsService } from './check-ins.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([CheckIn]),
    AuditModule,
    LinkUpsModule,
    NotificationsModule,
    SafeguardingModule,
    SettingsModule,
  ],
  providers: [CheckInsService],
  exports: [CheckInsService],
})
export class CheckInsModule {}
