import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { ProgrammeSettingsVersion } from './programme-settings-version.entity';
import { ProgrammeSettingsService } from './programme-settings.service';

@Module({
  imports: [TypeOrmModule.forFeature([ProgrammeSettingsVersion]), AuditModule],
  providers: [ProgrammeSettingsService],
  exports: [ProgrammeSettingsService],
})
export class SettingsModule {}
