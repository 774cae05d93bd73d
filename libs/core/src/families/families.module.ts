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
import { FamilyLifecycleService } from './family-lifecycle.service';
import { FamilyListsService } from './family-lists.service';
import { FamilyMatchCandidates } from './family-match-candidates.service';
import { FamilyWriteStamp } from './family-write-stamp';
import { UserFamiliesModule } from './user-families.module';

@Module({
  imports: [AuditModule, UsersModule, SettingsModule, SitesModule, TransactionModule, UserFamiliesModule],
  providers: [
    FamiliesRepository,
    ConsentsRepository,
    FamilyWriteStamp,
    FamiliesService,
    FamilyLifecycleService,
    FamilyListsService,
    FamilyMatchCandidates,
    ConsentsService,
  ],
  exports: [
    FamilyWriteStamp,
    FamiliesService,
    FamilyLifecycleService,
    FamilyListsService,
    FamilyMatchCandidates,
    ConsentsService,
  ],
})
export class FamiliesModule {}
