import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SystemPing } from './system-ping.entity';
import { SystemPingsService } from './system-pings.service';

@Module({
  imports: [TypeOrmModule.forFeature([SystemPing])],
  providers: [SystemPingsService],
  exports: [SystemPingsService],
})
export class SystemModule {}
