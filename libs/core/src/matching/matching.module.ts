import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { FamiliesModule } from '../families';
import { LinkUpsModule } from '../link-ups';
import { SettingsModule } from '../settings';
import { SitesModule } from '../sites';
import { TransactionModule } from '../transaction';
import { CohortMatchingService } from './cohort-matching.service';
import { FamilyMatchingModule } from './family-matching.module';
import { MatchExclusionsRepository } from './match-exclusions.repository';
import { MatchExclusionsService } from './match-exclusions.service';
import { MatchProposalsRepository } from './match-proposals.repository';
import { MatchProposalsService } from './match-proposals.service';
import { MatchSuggestionsService } from './match-suggestions.service';

@Module({
  imports: [
    AuditModule,
    FamiliesModule,
    LinkUpsModule,
    SettingsModule,
    SitesModule,
    TransactionModule,
    FamilyMatchingModule,
  ],
  providers: [
    MatchExclusionsRepository,
    MatchProposalsRepository,
    MatchExclusionsService,
    MatchSuggestionsService,
    MatchProposalsService,
    CohortMatchingService,
  ],
  exports: [MatchExclusionsService, MatchSuggestionsService, MatchProposalsService, CohortMatchingService],
})
export class MatchingModule {}
