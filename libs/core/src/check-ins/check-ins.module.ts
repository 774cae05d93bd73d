import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { LinkUpsModule } from '../link-ups';
import { NotificationsModule } from '../notifications';
import { SafeguardingModule } from '../safeguarding';
import { SettingsModule } from '../settings';
import { TransactionModule } from '../transaction';
import { CheckInPlanningService } from './check-in-planning.service';
import { CheckInSweepJobsService } from './check-in-sweep-jobs.service';
import { CheckInSweepsService } from './check-in-sweeps.service';
import { CheckInsReconciliationService } from './check-ins-reconciliation.service';
import { CheckInsRepository } from './check-ins.repository';
import { CheckInsService } from './check-ins.service';

@Module({
  imports: [
    AuditModule,
    LinkUpsModule,
    NotificationsModule,
    SafeguardingModule,
    SettingsModule,
    TransactionModule,
  ],
  providers: [
    CheckInsRepository,
    CheckInsService,
    CheckInPlanningService,
    CheckInSweepJobsService,
    CheckInSweepsService,
    CheckInsReconciliationService,
  ],
  exports: [CheckInsService, CheckInPlanningService, CheckInSweepsService, CheckInsReconciliationService],
})
export class CheckInsModule {}
