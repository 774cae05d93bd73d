import { Module } from '@nestjs/common';
import { FamiliesModule } from '../families';
import { TransactionModule } from '../transaction';
import { UsersModule } from '../users';
import { FamilyLinkUpsModule } from './family-link-ups.module';
import { LinkUpChangesBus } from './link-up-changes.bus';
import { LinkUpsRepository } from './link-ups.repository';
import { LinkUpsService } from './link-ups.service';
import { RecentLinkUpFacts } from './recent-link-up-facts';

@Module({
  imports: [FamilyLinkUpsModule, FamiliesModule, UsersModule, TransactionModule],
  providers: [LinkUpsRepository, LinkUpsService, LinkUpChangesBus, RecentLinkUpFacts],
  exports: [LinkUpsService, LinkUpChangesBus],
})
export class LinkUpsModule {}
