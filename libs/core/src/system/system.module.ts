import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { SystemPing } from './system-ping.entity';
import { SystemPingsService } from './system-pings.service';

@Module({
  imports: [TypeOrmModule.forFeature([SystemPing]), AuditModule],
  providers: [SystemPingsService],
  exports: [SystemPingsService],
})
export class SystemModule {}
