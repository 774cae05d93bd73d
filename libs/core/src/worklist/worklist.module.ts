import { SitesModule } from '../sites';
import { Module } from '@nestjs/common';
import { CheckInsModule } from '../check-ins';
import { FamiliesModule } from '../families';
import { LinkUpStagesModule } from '../link-up-stages';
import { LinkUpsModule } from '../link-ups';
import { SafeguardingModule } from '../safeguarding';
import { SettingsModule } from '../settings';
import { UsersModule } from '../users';
import { WorklistService } from './worklist.service';

/** A coach's day in one read (`GET /api/worklist`). */
@Module({
  imports: [
    LinkUpStagesModule,
    LinkUpsModule,
    CheckInsModule,
    FamiliesModule,
    UsersModule,
    SafeguardingModule,
    SettingsModule,
    SitesModule,
  ],
  providers: [WorklistService],
  exports: [WorklistService],
})
export class WorklistModule {}
