import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { TransactionModule } from '../transaction';
import { SitesRepository } from './sites.repository';
import { SitesService } from './sites.service';

@Module({
  imports: [TransactionModule, AuditModule],
  providers: [SitesRepository, SitesService],
  exports: [SitesService],
})
export class SitesModule {}
