import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { TransactionModule } from '../transaction';
import { SystemPingsService } from './system-pings.service';

@Module({
  imports: [TransactionModule, AuditModule],
  providers: [SystemPingsService],
  exports: [SystemPingsService],
})
export class SystemModule {}
