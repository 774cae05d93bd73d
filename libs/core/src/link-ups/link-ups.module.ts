import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FamiliesModule } from '../families';
import { TransactionModule } from '../transaction';
import { UsersModule } from '../users';
import { FamilyLinkUpsModule } from './family-link-ups.module';
import { LinkUpChangesBus } from './link-up-changes.bus';
import { LinkUpEvent } from './link-up-event.entity';
import { LinkUp } from './link-up.entity';
import { LinkUpsService } from './link-ups.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([LinkUp, LinkUpEvent]),
    FamilyLinkUpsModule,
    FamiliesModule,
    UsersModule,
    TransactionModule,
  ],
  providers: [LinkUpsService, LinkUpChangesBus],
  exports: [LinkUpsService, LinkUpChangesBus],
})
export class LinkUpsModule {}
