import { Module } from '@nestjs/common';
import { FamiliesModule } from '../families/families.module';
import { SitesModule } from '../sites/sites.module';
import { UsersModule } from '../users/users.module';
import { CheckInsModule } from '../check-ins/check-ins.module';
import { FeedbackModule } from '../feedback/feedback.module';
import { JourneyModule } from '../journey/journey.module';
import { LinkUpsModule } from '../link-ups/link-ups.module';
import { OutcomeMeasuresModule } from '../outcome-measures/outcome-measures.module';
import { SafeguardingModule } from '../safeguarding/safeguarding.module';
import { DemoProgramme } from './demo-programme';
import { DemoSeeder } from './demo-seeder.service';

@Module({
  imports: [
    SitesModule,
    UsersModule,
    FamiliesModule,
    LinkUpsModule,
    JourneyModule,
    OutcomeMeasuresModule,
    CheckInsModule,
    SafeguardingModule,
    FeedbackModule,
  ],
  providers: [DemoSeeder, DemoProgramme],
  exports: [DemoSeeder],
})
export class DemoModule {}
