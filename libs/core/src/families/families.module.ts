import { SitesModule } from '../sites';
import { TransactionModule } from '../transaction';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { SettingsModule } from '../settings';
import { UsersModule } from '../users';
import { ConsentsRepository } from './consents.repository';
import { ConsentsService } from './consents.service';
import { FamiliesRepository } from './families.repository';
import { FamiliesService } from './families.service';
import { UserFamiliesModule } from './user-families.module';

@Module({
  imports: [AuditModule, UsersModule, SettingsModule, SitesModule, TransactionModule, UserFamiliesModule],
  providers: [FamiliesRepository, ConsentsRepository, FamiliesService, ConsentsService],
  exports: [FamiliesService, ConsentsService],
})
export class FamiliesModule {}
