import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { FamiliesModule } from '../families/families.module';
import { LinkUpsModule } from '../link-ups/link-ups.module';
import { SettingsModule } from '../settings/settings.module';
import { OutcomeMeasure } from './outcome-measure.entity';
import { OutcomeMeasuresService } from './outcome-measures.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([OutcomeMeasure]),
    AuditModule,
    FamiliesModule,
    LinkUpsModule,
    SettingsModule,
  ],
  providers: [OutcomeMeasuresService],
  exports: [OutcomeMeasuresService],
})
export class OutcomeMeasuresModule {}
