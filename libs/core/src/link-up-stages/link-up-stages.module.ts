import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { CheckInsModule } from '../check-ins';
import { FamiliesModule } from '../families';
import { FeedbackModule } from '../feedback';
import { JourneyModule } from '../journey';
import { OutcomeMeasuresModule } from '../outcome-measures';
import { SafeguardingModule } from '../safeguarding';
import { SettingsModule } from '../settings';
import { TransactionModule } from '../transaction';
import { UsersModule } from '../users';
import { LinkUpDetailsService } from './link-up-details.service';
import { LinkUpStagesService } from './link-up-stages.service';
import { LinkUpsModule } from '../link-ups';

/**
 * Stage changes, coach changes and the link-up read model. Kept apart from `LinkUpsModule` (which
 * only owns the rows) because the stage guards read the journey, outcome measures, check-ins and
 * safeguarding, and those features import `LinkUpsModule` themselves.
 */
@Module({
  imports: [
    LinkUpsModule,
    JourneyModule,
    OutcomeMeasuresModule,
    CheckInsModule,
    SafeguardingModule,
    FamiliesModule,
    UsersModule,
    SettingsModule,
    AuditModule,
    FeedbackModule,
    TransactionModule,
  ],
  providers: [LinkUpStagesService, LinkUpDetailsService],
  exports: [LinkUpStagesService, LinkUpDetailsService],
})
export class LinkUpStagesModule {}
