import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { FamiliesModule } from '../families';
import { LinkUpsModule } from '../link-ups';
import { SettingsModule } from '../settings';
import { TransactionModule } from '../transaction';
import { OutcomeMeasuresRepository } from './outcome-measures.repository';
import { OutcomeMeasuresService } from './outcome-measures.service';

@Module({
  imports: [TransactionModule, AuditModule, FamiliesModule, LinkUpsModule, SettingsModule],
  providers: [OutcomeMeasuresRepository, OutcomeMeasuresService],
  exports: [OutcomeMeasuresService],
})
export class OutcomeMeasuresModule {}
