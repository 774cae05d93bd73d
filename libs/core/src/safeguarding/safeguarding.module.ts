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
import { ConcernLinkUpEffects } from './concern-link-up-effects';
import { ConcernListsService } from './concern-lists.service';
import { ConcernScope } from './concern-scope';
import { ConcernTriageService } from './concern-triage.service';
import { TriageDeadlinesService } from './triage-deadlines.service';

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
  providers: [
    SafeguardingRepository,
    ConcernScope,
    ConcernLinkUpEffects,
    SafeguardingService,
    ConcernTriageService,
    TriageDeadlinesService,
    ConcernListsService,
  ],
  exports: [SafeguardingService, ConcernTriageService, TriageDeadlinesService, ConcernListsService],
})
export class SafeguardingModule {}
