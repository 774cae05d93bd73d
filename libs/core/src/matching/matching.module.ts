import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { FamiliesModule } from '../families';
import { LinkUpsModule } from '../link-ups';
import { SettingsModule } from '../settings';
import { SitesModule } from '../sites';
import { TransactionModule } from '../transaction';
import { CohortMatchingService } from './cohort-matching.service';
import { FamilyMatchingModule } from './family-matching.module';
import { MatchExclusion } from './match-exclusion.entity';
import { MatchExclusionsService } from './match-exclusions.service';
import { MatchProposal } from './match-proposal.entity';
import { MatchProposalsService } from './match-proposals.service';
import { MatchSuggestionsService } from './match-suggestions.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([MatchExclusion, MatchProposal]),
    AuditModule,
    FamiliesModule,
    LinkUpsModule,
    SettingsModule,
    SitesModule,
    TransactionModule,
    FamilyMatchingModule,
  ],
  providers: [MatchExclusionsService, MatchSuggestionsService, MatchProposalsService, CohortMatchingService],
  exports: [MatchExclusionsService, MatchSuggestionsService, MatchProposalsService, CohortMatchingService],
})
export class MatchingModule {}
