import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FamiliesModule } from '../families/families.module';
import { LinkUpsModule } from '../link-ups/link-ups.module';
import { SettingsModule } from '../settings/settings.module';
import { TransactionModule } from '../transaction/transaction.module';
import { OutcomeMeasuresRepository } from './outcome-measures.repository';
import { OutcomeMeasuresService } from './outcome-measures.service';

@Module({
  imports: [TransactionModule, AuditModule, FamiliesModule, LinkUpsModule, SettingsModule],
  providers: [OutcomeMeasuresRepository, OutcomeMeasuresService],
  exports: [OutcomeMeasuresService],
})
export class OutcomeMeasuresModule {}
