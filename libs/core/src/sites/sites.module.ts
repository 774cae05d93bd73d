import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit';
import { Site } from './site.entity';
import { SitesService } from './sites.service';

@Module({
  imports: [TypeOrmModule.forFeature([Site]), AuditModule],
  providers: [SitesService],
  exports: [SitesService],
})
export class SitesModule {}
