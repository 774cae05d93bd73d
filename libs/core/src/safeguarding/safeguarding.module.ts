import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { FamiliesModule } from '../families';
import { LinkUpsModule } from '../link-ups';
import { NotificationsModule } from '../notifications';
import { SettingsModule } from '../settings';
import { TransactionModule } from '../transaction';
import { UsersModule } from '../users';
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
    TransactionModule,
  ],
  providers: [SafeguardingService],
  exports: [SafeguardingService],
})
export class SafeguardingModule {}
