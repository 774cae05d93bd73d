import { Module } from '@nestjs/common';
import { TransactionModule } from '../transaction';
import { AuditService } from './audit.service';

@Module({
  imports: [TransactionModule],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
