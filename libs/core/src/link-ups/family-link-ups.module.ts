import { Global, Module } from '@nestjs/common';
import { FAMILY_LINK_UPS } from '../families';
import { TransactionModule } from '../transaction';
import { FamilyLinkUpsAdapter } from './family-link-ups.adapter';

/**
 * Provides families' `FamilyLinkUps` port. Global because families, below link-ups, cannot import
 * this module: any app that has `LinkUpsModule` (which imports this one) gives every module the port,
 * and an app without it fails at start (Nest cannot resolve `FAMILY_LINK_UPS`), never at a call.
 */
@Global()
@Module({
  imports: [TransactionModule],
  providers: [FamilyLinkUpsAdapter, { provide: FAMILY_LINK_UPS, useExisting: FamilyLinkUpsAdapter }],
  exports: [FAMILY_LINK_UPS],
})
export class FamilyLinkUpsModule {}
