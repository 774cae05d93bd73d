import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CheckInsModule } from '../check-ins/check-ins.module';
import { FamiliesModule } from '../families/families.module';
import { FeedbackModule } from '../feedback/feedback.module';
import { JourneyModule } from '../journey/journey.module';
import { OutcomeMeasuresModule } from '../outcome-measures/outcome-measures.module';
import { SafeguardingModule } from '../safeguarding/safeguarding.module';
import { SettingsModule } from '../settings/settings.module';
import { TransactionModule } from '../transaction/transaction.module';
import { UsersModule } from '../users/users.module';
import { LinkUpDetailsService } from './link-up-details.service';
import { LinkUpStagesService } from './link-up-stages.service';
import { LinkUpsModule } from '../link-ups/link-ups.module';

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
