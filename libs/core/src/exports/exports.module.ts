import { AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { SettingsModule } from '../settings';
import { SitesModule } from '../sites';
import { TransactionModule } from '../transaction';
import { ExportLimits } from './export-limits';
import { ExportRun } from './export-run.entity';
import { ExportRunsRepository } from './export-runs.repository';
import { ExportsService } from './exports.service';
import { PseudonymKey, pseudonymKeyFromConfig } from './pseudonym-key';
import { MatchingCalibrationService } from './matching-calibration.service';
import { OutcomeChangeService } from './outcome-change.service';
import { SummaryReportsService } from './summary-reports.service';

/** Evaluator exports, the data dictionary and the aggregate report (DESIGN §4.5). */
@Module({
  imports: [
    TypeOrmModule.forFeature([ExportRun]),
    AuditModule,
    SitesModule,
    SettingsModule,
    TransactionModule,
  ],
  providers: [
    { provide: PseudonymKey, inject: [AppConfig], useFactory: pseudonymKeyFromConfig },
    ExportLimits,
    ExportRunsRepository,
    ExportsService,
    SummaryReportsService,
    OutcomeChangeService,
    MatchingCalibrationService,
  ],
  exports: [
    ExportsService,
    SummaryReportsService,
    OutcomeChangeService,
    MatchingCalibrationService,
    ExportLimits,
  ],
})
export class ExportsModule {}
