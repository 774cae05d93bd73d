import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { FamiliesModule } from '../families';
import { LinkUpsModule } from '../link-ups';
import { NotificationsModule } from '../notifications';
import { SettingsModule } from '../settings';
import { TransactionModule } from '../transaction';
import { UsersModule } from '../users';
import { SafeguardingRepository } from './safeguarding.repository';
import { SafeguardingService } from './safeguarding.service';

@Module({
  imports: [
    AuditModule,
    FamiliesModule,
    LinkUpsModule,
    NotificationsModule,
    SettingsModule,
    UsersModule,
    TransactionModule,
  ],
  providers: [SafeguardingRepository, SafeguardingService],
  exports: [SafeguardingService],
})
export class SafeguardingModule {}
