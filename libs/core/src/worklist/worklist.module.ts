import { SitesModule } from '../sites/sites.module';
import { Module } from '@nestjs/common';
import { LinkUpStagesModule } from '../link-ups/link-up-stages.module';
import { SafeguardingModule } from '../safeguarding/safeguarding.module';
import { SettingsModule } from '../settings/settings.module';
import { WorklistService } from './worklist.service';

/** A coach's day in one read (`GET /api/worklist`). */
@Module({
  imports: [LinkUpStagesModule, SafeguardingModule, SettingsModule, SitesModule],
  providers: [WorklistService],
  exports: [WorklistService],
})
export class WorklistModule {}
