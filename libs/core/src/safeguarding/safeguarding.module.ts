import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SafeguardingConcern } from './safeguarding-concern.entity';
import { SafeguardingService } from './safeguarding.service';

@Module({
  imports: [TypeOrmModule.forFeature([SafeguardingConcern])],
  providers: [SafeguardingService],
  exports: [SafeguardingService],
})
export class SafeguardingModule {}
