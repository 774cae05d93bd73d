import { Module } from '@nestjs/common';
import { FamiliesModule } from '../families';
import { SitesModule } from '../sites';
import { UsersModule } from '../users';
import { CheckInsModule } from '../check-ins';
import { FeedbackModule } from '../feedback';
import { JourneyModule } from '../journey';
import { LinkUpsModule } from '../link-ups';
import { OutcomeMeasuresModule } from '../outcome-measures';
import { SafeguardingModule } from '../safeguarding';
import { TransactionModule } from '../transaction';
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
    TransactionModule,
  ],
  providers: [DemoSeeder, DemoProgramme],
  exports: [DemoSeeder],
})
export class DemoModule {}
