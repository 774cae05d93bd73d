import { SitesModule } from '../sites/sites.module';
import { Module } from '@nestjs/common';
import { FamiliesModule } from '../families/families.module';
import { LinkUpStagesModule } from '../link-up-stages/link-up-stages.module';
import { LinkUpsModule } from '../link-ups/link-ups.module';
import { SafeguardingModule } from '../safeguarding/safeguarding.module';
import { SettingsModule } from '../settings/settings.module';
import { UsersModule } from '../users/users.module';
import { WorklistService } from './worklist.service';

/** A coach's day in one read (`GET /api/worklist`). */
@Module({
  imports: [
    LinkUpStagesModule,
    LinkUpsModule,
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
