import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LinkUpEvent } from './link-up-event.entity';
import { LinkUp } from './link-up.entity';
import { LinkUpsService } from './link-ups.service';

@Module({
  imports: [TypeOrmModule.forFeature([LinkUp, LinkUpEvent])],
  providers: [LinkUpsService],
  exports: [LinkUpsService],
})
export class LinkUpsModule {}
