import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { TransactionModule } from '../transaction';
import { ProgrammeSettingsRepository } from './programme-settings.repository';
import { ProgrammeSettingsService } from './programme-settings.service';

@Module({
  imports: [TransactionModule, AuditModule],
  providers: [ProgrammeSettingsRepository, ProgrammeSettingsService],
  exports: [ProgrammeSettingsService],
})
export class SettingsModule {}
