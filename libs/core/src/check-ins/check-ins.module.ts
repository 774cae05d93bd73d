import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CheckIn } from './check-in.entity';
import { CheckInsService } from './check-ins.service';

@Module({
  imports: [TypeOrmModule.forFeature([CheckIn])],
  providers: [CheckInsService],
  exports: [CheckInsService],
})
export class CheckInsModule {}
