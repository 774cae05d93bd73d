import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { FamiliesModule } from '../families/families.module';
import { LinkUpsModule } from '../link-ups/link-ups.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SettingsModule } from '../settings/settings.module';
import { UsersModule } from '../users/users.module';
import { SafeguardingConcernEntry } from './safeguarding-concern-entry.entity';
import { SafeguardingConcern } from './safeguarding-concern.entity';
import { SafeguardingService } from './safeguarding.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([SafeguardingConcern, SafeguardingConcernEntry]),
    AuditModule,
    FamiliesModule,
    LinkUpsModule,
    NotificationsModule,
    SettingsModule,
    UsersModule,
  ],
  providers: [SafeguardingService],
  exports: [SafeguardingService],
})
export class SafeguardingModule {}
