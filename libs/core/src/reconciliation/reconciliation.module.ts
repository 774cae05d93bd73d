import { Module } from '@nestjs/common';
import { CheckInsModule } from '../check-ins';
import { NotificationsModule } from '../notifications';
import { SafeguardingModule } from '../safeguarding';
import { ReconciliationService } from './reconciliation.service';

/** The reconciler, above the features it asks to reconcile what they own. */
@Module({
  imports: [CheckInsModule, SafeguardingModule, NotificationsModule],
  providers: [ReconciliationService],
  exports: [ReconciliationService],
})
export class ReconciliationModule {}
